import type { Config } from './config';
import { openDatabase } from './db/data-source';
import type { Database } from './db/database';
import { RateLimitCounters } from './http/rate-limit';
import { LocalFileStorage } from './integrations/storage/local-storage';
import { WeChatAccessTokens } from './integrations/wechat/access-token';
import { DevContentSecurity } from './integrations/wechat/content-security-dev';
import { HttpContentSecurity } from './integrations/wechat/content-security-http';
import { DevCustomerServiceChannel } from './integrations/wechat/cs-channel-dev';
import { HttpCustomerServiceChannel } from './integrations/wechat/cs-channel-http';
import { DevWeChatLogin } from './integrations/wechat/login-dev';
import { HttpWeChatLogin } from './integrations/wechat/login-http';
import { DevSubscribeMessages } from './integrations/wechat/subscribe-dev';
import { HttpSubscribeMessages } from './integrations/wechat/subscribe-http';
import { WeChatHttp } from './integrations/wechat/wechat-http';
import { DevWeChatPay } from './integrations/wechatpay/wechat-pay-dev';
import { HttpWeChatPay } from './integrations/wechatpay/wechat-pay-http';
import { DisabledWeChatPay } from './integrations/wechatpay/wechat-pay-off';
import { systemClock, type Clock } from './lib/clock';
import { FieldCrypto } from './lib/field-crypto';
import { createLogger, type Logger } from './lib/logger';
import type { Core, ServicesOf } from './module';
import { FILE_READ_RULES, MODULES, TEMPLATES } from './modules';
import { SessionGuard } from './modules/auth/session-guard.service';
import { TokenService } from './modules/auth/tokens';
import type { WeChatLoginPort } from './modules/auth/wechat-login.port';
import type { ContentSecurityPort } from './modules/chat/content-security.port';
import type { CustomerServiceChannelPort } from './modules/chat/cs-channel.port';
import type { FileStorage } from './modules/files/storage.port';
import type { SubscribeMessagePort } from './modules/notifications/subscribe-message.port';
import type { PaymentPort } from './modules/payments/payment.port';

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
  csChannel?: CustomerServiceChannelPort;
  contentSecurity?: ContentSecurityPort;
  wechatPay?: PaymentPort;
  db?: Database;
}

export function wechatLoginFor(config: Config): WeChatLoginPort {
  return config.wechat.mode === 'live'
    ? new HttpWeChatLogin(config.wechat.appId, config.wechat.appSecret, config.wechat.apiBase)
    : new DevWeChatLogin();
}

/** The WeChat Pay adapter: the real one (live), payments on the machine (dev), or none (off). */
export function wechatPayFor(config: Config, clock: Clock): PaymentPort {
  const pay = config.wechatPay;
  if (pay.mode === 'live') return new HttpWeChatPay(pay, clock);
  if (pay.mode === 'dev') return new DevWeChatPay(pay.mchId, pay.appId, clock);
  return new DisabledWeChatPay();
}

/** The WeChat ports that call with the access token: subscribe messages, customer-service replies, content security. */
export interface WeChatTokenPorts {
  subscribeMessages: SubscribeMessagePort;
  csChannel: CustomerServiceChannelPort;
  contentSecurity: ContentSecurityPort;
}

/**
 * Live mode: the real adapters on one access-token owner, so one token (and one refresh on
 * 40001/42001) serves every call. Dev mode: adapters that keep everything on the machine.
 */
export function wechatTokenPortsFor(
  config: Config,
  db: Database,
  fieldCrypto: FieldCrypto,
  clock: Clock,
  logger: Logger,
): WeChatTokenPorts {
  if (config.wechat.mode === 'dev') {
    return {
      subscribeMessages: new DevSubscribeMessages(logger),
      csChannel: new DevCustomerServiceChannel(logger),
      contentSecurity: new DevContentSecurity(logger),
    };
  }
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
  return {
    subscribeMessages: new HttpSubscribeMessages(http, tokens, config.wechat.miniprogramState),
    csChannel: new HttpCustomerServiceChannel(http, tokens),
    contentSecurity: new HttpContentSecurity(http, tokens),
  };
}

export function subscribeMessagesFor(
  config: Config,
  db: Database,
  fieldCrypto: FieldCrypto,
  clock: Clock,
  logger: Logger,
): SubscribeMessagePort {
  return wechatTokenPortsFor(config, db, fieldCrypto, clock, logger).subscribeMessages;
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
  const wechatPorts = wechatTokenPortsFor(config, db, fieldCrypto, clock, logger);
  const subscribeMessages = overrides.subscribeMessages ?? wechatPorts.subscribeMessages;
  const csChannel = overrides.csChannel ?? wechatPorts.csChannel;
  const contentSecurity = overrides.contentSecurity ?? wechatPorts.contentSecurity;
  const wechatPay = overrides.wechatPay ?? wechatPayFor(config, clock);
  const core: Core = {
    config,
    logger,
    clock,
    db,
    fieldCrypto,
    tokens,
    sessions,
    rateLimits,
    ports: { wechatLogin, storage, subscribeMessages, csChannel, contentSecurity, wechatPay },
    fileReadRules: FILE_READ_RULES,
    templates: TEMPLATES,
    personalData: [],
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
    const services = m.build(core, uses as never);
    for (const [name, service] of Object.entries(services)) {
      if (Object.hasOwn(built, name)) throw new Error(`The service "${name}" is built twice (module ${m.name})`);
      built[name] = service;
    }
    if (m.personalData) core.personalData.push(m.personalData(services as never, core));
  }
  return built as Services;
}
