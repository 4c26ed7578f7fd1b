import type { Config } from './config';
import { openDatabase } from './db/data-source';
import type { Database } from './db/database';
import { RateLimitCounters } from './http/rate-limit';
import { LocalFileStorage } from './integrations/storage/local-storage';
import { WeChatAccessTokens } from './integrations/wechat/access-token';
import { DevWeChatLogin } from './integrations/wechat/login-dev';
import { HttpWeChatLogin } from './integrations/wechat/login-http';
import { DevSubscribeMessages } from './integrations/wechat/subscribe-dev';
import { HttpSubscribeMessages } from './integrations/wechat/subscribe-http';
import { WeChatHttp } from './integrations/wechat/wechat-http';
import { systemClock, type Clock } from './lib/clock';
import { FieldCrypto } from './lib/field-crypto';
import { createLogger, type Logger } from './lib/logger';
import type { Core, ServicesOf } from './module';
import { FILE_READ_RULES, MODULES, TEMPLATES } from './modules';
import { SessionGuard } from './modules/auth/session-guard.service';
import { TokenService } from './modules/auth/tokens';
import type { WeChatLoginPort } from './modules/auth/wechat-login.port';
import type { FileStorage } from './modules/files/storage.port';
import type { SubscribeMessagePort } from './modules/notifications/subscribe-message.port';

/** Every module's services, by name, as their `build` returns them. */
export type Services = ServicesOf<typeof MODULES>;

/** Everything the process is made of, built once from the config. Tests replace the ports. */
export interface Container extends Core {
  services: Services;
}

export interface ContainerOverrides {
  logger?: Logger;
  clock?: Clock;
  wechatLogin?: WeChatLoginPort;
  storage?: FileStorage;
  subscribeMessages?: SubscribeMessagePort;
  db?: Database;
}

export function wechatLoginFor(config: Config): WeChatLoginPort {
  return config.wechat.mode === 'live'
    ? new HttpWeChatLogin(config.wechat.appId, config.wechat.appSecret, config.wechat.apiBase)
    : new DevWeChatLogin();
}

export function subscribeMessagesFor(
  config: Config,
  db: Database,
  fieldCrypto: FieldCrypto,
  clock: Clock,
  logger: Logger,
): SubscribeMessagePort {
  if (config.wechat.mode === 'dev') return new DevSubscribeMessages(logger);
  const http = new WeChatHttp(config.wechat.apiBase);
  const tokens = new WeChatAccessTokens(
    http,
    config.wechat.appId,
    config.wechat.appSecret,
    db,
    fieldCrypto,
    clock,
    logger,
  );
  return new HttpSubscribeMessages(http, tokens, config.wechat.miniprogramState);
}

export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const db = overrides.db ?? (await openDatabase(config.database, config.dbLimits));
  const fieldCrypto = new FieldCrypto(config.encryption);
  const tokens = new TokenService(config.jwt, clock);
  const sessions = new SessionGuard(db, clock, config.auth.cacheMs);
  // Keys are stored as keyed hashes: no address, username or account id in clear.
  const rateLimits = new RateLimitCounters(db, clock, (key, limiter) =>
    fieldCrypto.blindIndex(key, `rate-limit:${limiter}`),
  );
  const wechatLogin = overrides.wechatLogin ?? wechatLoginFor(config);
  const storage = overrides.storage ?? new LocalFileStorage(config.fileStorageDir);
  const subscribeMessages = overrides.subscribeMessages ?? subscribeMessagesFor(config, db, fieldCrypto, clock, logger);
  const core: Core = {
    config,
    logger,
    clock,
    db,
    fieldCrypto,
    tokens,
    sessions,
    rateLimits,
    ports: { wechatLogin, storage, subscribeMessages },
    fileReadRules: FILE_READ_RULES,
    templates: TEMPLATES,
  };
  return { ...core, services: buildServices(core) };
}

/**
 * Builds each module in list order. A module sees only the services of those before it: asking for
 * one built later (or by nobody) stops the process at start-up rather than failing on first use.
 */
function buildServices(core: Core): Services {
  const built: Record<string, unknown> = {};
  for (const m of MODULES) {
    const uses = new Proxy(built, {
      get(target, key) {
        if (typeof key === 'string' && !Object.hasOwn(target, key)) {
          throw new Error(`Module ${m.name} uses "${key}", which no module listed before it builds`);
        }
        return Reflect.get(target, key);
      },
    });
    for (const [name, service] of Object.entries(m.build(core, uses as never))) {
      if (Object.hasOwn(built, name)) throw new Error(`The service "${name}" is built twice (module ${m.name})`);
      built[name] = service;
    }
  }
  return built as Services;
}
