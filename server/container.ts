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
import { AuthService } from './modules/auth/auth.service';
import { LoginThrottle } from './modules/auth/login-throttle';
import { SessionGuard } from './modules/auth/session-guard';
import { TokenService } from './modules/auth/tokens';
import type { WeChatLoginPort } from './modules/auth/wechat-login.port';
import type { FileStorage } from './modules/files/storage.port';
import { ApplicationsService } from './modules/cards/applications.service';
import { BatchesService } from './modules/cards/batches.service';
import { ApplicationWorkflow } from './modules/cards/card-application.workflow';
import { CardRemindersService } from './modules/cards/card-reminders.service';
import { CardStatsService } from './modules/cards/card-stats.service';
import { CardService } from './modules/cards/card.service';
import { readApplicationFile } from './modules/cards/cards.policy';
import { QrTokens } from './modules/cards/qr-token';
import { ReviewService } from './modules/cards/review.service';
import { FilesService } from './modules/files/files.service';
import { UploadQuotas } from './modules/files/upload-quota';
import { AppointmentRemindersService } from './modules/legal-aid/appointment-reminders.service';
import { BookingService } from './modules/legal-aid/booking.service';
import { readProviderFile } from './modules/legal-aid/legal-aid.policy';
import { ProvidersService } from './modules/legal-aid/providers.service';
import { ServingService } from './modules/legal-aid/serving.service';
import { BrowseService } from './modules/merchants/browse.service';
import { ComplaintsService } from './modules/merchants/complaints.service';
import { MerchantsService } from './modules/merchants/merchants.service';
import { OffersService } from './modules/merchants/offers.service';
import { RedemptionsService } from './modules/merchants/redemptions.service';
import { SingleFlightCache } from './modules/merchants/single-flight-cache';
import { OutboxDispatcher } from './modules/notifications/dispatcher';
import { NotificationsService } from './modules/notifications/notifications.service';
import type { SubscribeMessagePort } from './modules/notifications/subscribe-message.port';
import { TEMPLATES } from './modules/notifications/templates';
import { readChangeRequestFile } from './modules/people/identity-change.policy';
import { IdentityChangeService } from './modules/people/identity-change.service';
import { PeopleService } from './modules/people/people.service';
import { StaffService } from './modules/staff/staff.service';

/** Everything the process is made of, built once from the config. Tests replace the ports. */
export interface Container {
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
  ports: { wechatLogin: WeChatLoginPort; storage: FileStorage; subscribeMessages: SubscribeMessagePort };
  services: {
    auth: AuthService;
    people: PeopleService;
    identityChanges: IdentityChangeService;
    files: FilesService;
    staff: StaffService;
    notifications: NotificationsService;
    dispatcher: OutboxDispatcher;
    applications: ApplicationsService;
    review: ReviewService;
    batches: BatchesService;
    cards: CardService;
    cardStats: CardStatsService;
    qrTokens: QrTokens;
    workflow: ApplicationWorkflow;
    cardReminders: CardRemindersService;
    merchants: MerchantsService;
    offers: OffersService;
    browse: BrowseService;
    redemptions: RedemptionsService;
    complaints: ComplaintsService;
    providers: ProvidersService;
    booking: BookingService;
    serving: ServingService;
    appointmentReminders: AppointmentRemindersService;
  };
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
  // In dev mode every template "has" an id, so the whole delivery path runs without WeChat.
  const templateIds =
    config.wechat.mode === 'dev'
      ? { ...Object.fromEntries(Object.keys(TEMPLATES).map((k) => [k, `dev-${k}`])), ...config.wechat.templateIds }
      : config.wechat.templateIds;
  const people = new PeopleService(db, fieldCrypto, clock);
  const notifications = new NotificationsService(db, clock);
  const workflow = new ApplicationWorkflow(notifications, clock);
  const review = new ReviewService(db, workflow, notifications, clock, config.cards.needsInfoDays, people);
  const qrTokens = new QrTokens(config.jwt.secret, clock);
  // Hot catalogue reads (categories, a merchant's page) are cached for a few seconds per instance.
  const catalogue = new SingleFlightCache<unknown>(10_000);
  const booking = new BookingService(db, notifications, clock);
  const cards = new CardService(db, qrTokens, notifications, clock);
  const uploadQuotas = new UploadQuotas(db, clock, {
    count: config.limits.uploadDailyCount,
    bytes: config.limits.uploadDailyBytes,
  });
  // Each module that attaches files says who may read them; the files module knows no other module.
  const files = new FilesService(db, storage, clock, logger, config.limits.uploadMb * 1024 * 1024, uploadQuotas, {
    card_application: readApplicationFile,
    legal_provider: readProviderFile,
    identity_change_request: readChangeRequestFile,
  });
  return {
    config,
    logger,
    clock,
    db,
    fieldCrypto,
    tokens,
    sessions,
    rateLimits,
    ports: { wechatLogin, storage, subscribeMessages },
    services: {
      auth: new AuthService(
        db,
        tokens,
        wechatLogin,
        config.jwt,
        clock,
        logger,
        sessions,
        new LoginThrottle(rateLimits, config.limits.loginPerMinute),
      ),
      people,
      identityChanges: new IdentityChangeService(db, people, notifications, clock),
      files,
      staff: new StaffService(db, clock, sessions),
      notifications,
      dispatcher: new OutboxDispatcher(db, subscribeMessages, clock, logger, {
        batchSize: config.dispatch.batchSize,
        concurrency: config.dispatch.concurrency,
        leaseMs: 120_000,
        templateIds,
      }),
      applications: new ApplicationsService(db, workflow, clock),
      review,
      batches: new BatchesService(db, workflow, review, people, files, clock),
      cards,
      cardStats: new CardStatsService(db, clock),
      qrTokens,
      workflow,
      cardReminders: new CardRemindersService(db, workflow, notifications),
      merchants: new MerchantsService(db, notifications, clock, catalogue, sessions),
      offers: new OffersService(db, clock, catalogue),
      browse: new BrowseService(db, clock, catalogue),
      redemptions: new RedemptionsService(db, qrTokens, clock),
      complaints: new ComplaintsService(db, notifications, people, cards, clock),
      providers: new ProvidersService(db, clock),
      booking,
      serving: new ServingService(db, booking, notifications, people, clock),
      appointmentReminders: new AppointmentRemindersService(db, notifications, booking),
    },
  };
}
