import type { MigrationInterface } from 'typeorm';
import type { Config } from './config';
import type { Database } from './db/database';
import type { RateLimitCounters } from './http/rate-limit';
import type { RouteSpec } from './http/route';
import type { AnyJob } from './jobs/job';
import type { Clock } from './lib/clock';
import type { FieldCrypto } from './lib/field-crypto';
import type { Logger } from './lib/logger';
import type { SessionGuard } from './modules/auth/session-guard.service';
import type { TokenService } from './modules/auth/tokens';
import type { WeChatLoginPort } from './modules/auth/wechat-login.port';
import type { ContentSecurityPort } from './modules/chat/content-security.port';
import type { CustomerServiceChannelPort } from './modules/chat/cs-channel.port';
import type { FileReadRule } from './modules/files/file-use.service';
import type { FileStorage } from './modules/files/storage.port';
import type { SubscribeMessagePort } from './modules/notifications/subscribe-message.port';
import type { PaymentPort } from './modules/payments/payment.port';
import type { TemplateDef } from './lib/notice-template';
import type { PersonalDataPart } from './lib/personal-data';

/** What every module is built on: configuration, infrastructure and the outside world's ports. */
export interface Core {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  fieldCrypto: FieldCrypto;
  tokens: TokenService;
  /** Per-instance check that an access token's account is enabled and at the token's version. */
  sessions: SessionGuard;
  /** Rate-limit counters in the database, shared by every instance. */
  rateLimits: RateLimitCounters;
  ports: {
    wechatLogin: WeChatLoginPort;
    storage: FileStorage;
    subscribeMessages: SubscribeMessagePort;
    /** Replies through WeChat's customer-service chat (客服消息). */
    csChannel: CustomerServiceChannelPort;
    /** WeChat's check of holders' free text (msg_sec_check). */
    contentSecurity: ContentSecurityPort;
    /** WeChat Pay (APIv3): live, on the machine (dev) or switched off, as configured. */
    wechatPay: PaymentPort;
  };
  /** Every module's file-read rules, by owner type (the files module applies them). */
  fileReadRules: Record<string, FileReadRule>;
  /** Every module's notice templates, by key (the notifications module renders and sends them). */
  templates: Record<string, TemplateDef>;
  /**
   * What each module keeps about a holder, as the modules declared it (`personalData`), in list
   * order; filled as the modules are built (the privacy module reads it when asked).
   */
  personalData: PersonalDataPart[];
}

/** What routes may ask of the process besides services (health answers with them). */
export interface RouteHooks {
  isDraining: () => boolean;
  openApi: () => unknown;
}

type EntityClass = Function;
type MigrationClass = new () => MigrationInterface;

/**
 * A domain module as it declares itself in its `<name>.module.ts`: its tables, its migrations, its
 * notice templates, its jobs, who may read the files it attaches, and how its services and routes
 * are built. The process is the `MODULES` list of these.
 *
 * - `build(core, uses)` makes the module's services. `uses` holds the services of the modules
 *   listed before it; annotate the parameter with what you take (the container fails at start-up
 *   when a module asks for a service that is built later or by nobody).
 * - `routes(services, core, hooks)` declares its routes from its own services; building them calls
 *   no service, so the OpenAPI document can be made without a database.
 */
export interface ModuleDef<S extends object, U extends object, T extends Record<string, TemplateDef>> {
  name: string;
  entities?: readonly EntityClass[];
  migrations?: readonly MigrationClass[];
  templates?: T;
  /** The mini-program pages its notices and answers open (a test checks each against app.json). */
  pages?: Readonly<Record<string, string | ((id: number) => string)>>;
  jobs?: readonly AnyJob[];
  fileReadRules?: Record<string, FileReadRule>;
  /** What the module keeps about a holder: read for 我的信息, erased when the account is deleted. */
  personalData?(services: NoInfer<S>, core: Core): PersonalDataPart;
  build(core: Core, uses: U): S;
  routes?(services: S, core: Core, hooks: RouteHooks): RouteSpec[];
}

/** Declares a module; its services' type is read from `build`, its templates' from `templates`. */
export function defineModule<
  const S extends object,
  U extends object = Record<never, never>,
  const T extends Record<string, TemplateDef> = Record<never, never>,
>(def: ModuleDef<S, U, T>): ModuleDef<S, U, T> {
  return def;
}

/**
 * A module's type from its build function (and templates). A module with jobs is annotated with it:
 * a job's `needs` are typed by the services of every module, so inferring the module's type from its
 * own declaration would go round in a circle.
 */
export type ModuleOf<
  B extends (core: Core, uses: any) => object,
  T extends Record<string, TemplateDef> = Record<never, never>,
> = ModuleDef<ReturnType<B>, Parameters<B>[1], T>;

/** Turns a union of object types into their intersection. */
export type Merge<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type AnyModule = ModuleDef<any, any, any>;

/** The services of every module in a list, by name. */
export type ServicesOf<L extends readonly AnyModule[]> = Merge<ReturnType<L[number]['build']>>;

/** The notice templates of every module in a list, by key. */
export type TemplatesOf<L extends readonly AnyModule[]> = Merge<NonNullable<L[number]['templates']>>;
