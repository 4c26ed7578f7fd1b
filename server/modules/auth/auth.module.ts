import { defineModule } from '../../module';
import { AccountMfa } from './account-mfa.entity';
import { AccountRole } from './account-role.entity';
import { Account } from './account.entity';
import { AuthService } from './auth.service';
import { authRoutes } from './auth.routes';
import { LoginThrottle } from './login-throttle';
import { MfaService } from './mfa.service';
import { RecoveryCode } from './recovery-code.entity';
import { RefreshToken } from './refresh-token.entity';
import { authPersonalData } from './auth.personal-data';

/** Accounts, roles, WeChat and password sign-in, the staff's second factor, refresh-token families. */
export const authModule = defineModule({
  name: 'auth',
  entities: [Account, AccountRole, RefreshToken, AccountMfa, RecoveryCode],
  personalData: () => authPersonalData,
  build: (c) => {
    const mfa = new MfaService(c.db, c.fieldCrypto);
    return {
      mfa,
      auth: new AuthService(
        c.db,
        c.tokens,
        c.ports.wechatLogin,
        c.config.jwt,
        c.clock,
        c.logger,
        c.sessions,
        new LoginThrottle(c.rateLimits, c.config.limits.loginPerMinute),
        mfa,
      ),
    };
  },
  routes: (s, c) => authRoutes(s.auth, { loginPerMinute: c.config.limits.loginPerMinute, counters: c.rateLimits }),
});
