import { defineModule } from '../../module';
import { AccountRole } from './account-role.entity';
import { Account } from './account.entity';
import { AuthService } from './auth.service';
import { authRoutes } from './auth.routes';
import { LoginThrottle } from './login-throttle';
import { RefreshToken } from './refresh-token.entity';

/** Accounts, roles, WeChat and password sign-in, refresh-token families. */
export const authModule = defineModule({
  name: 'auth',
  entities: [Account, AccountRole, RefreshToken],
  build: (c) => ({
    auth: new AuthService(
      c.db,
      c.tokens,
      c.ports.wechatLogin,
      c.config.jwt,
      c.clock,
      c.logger,
      c.sessions,
      new LoginThrottle(c.rateLimits, c.config.limits.loginPerMinute),
    ),
  }),
  routes: (s, c) => authRoutes(s.auth, { loginPerMinute: c.config.limits.loginPerMinute, counters: c.rateLimits }),
});
