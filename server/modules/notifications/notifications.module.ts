import type { Core, ModuleOf } from '../../module';
import { dispatchNotificationsJob } from './dispatch-notifications.job';
import { OutboxDispatcher } from './dispatcher';
import { notificationsRoutes } from './notifications.routes';
import { NotificationsService } from './notifications.service';
import { OutboxMessage } from './outbox-message.entity';
import { SubscriptionGrant } from './subscription-grant.entity';
import { SHARED_TEMPLATES, TemplateRegistry } from './templates';
import { NOTIFICATION_PAGES } from './pages';
import { notificationsPersonalData } from './notifications.personal-data';

/** Builds the module's services from the core and the services it uses. */
function build(c: Core) {
  const templates = new TemplateRegistry(c.templates);
  // In dev mode every template "has" an id, so the whole delivery path runs without WeChat.
  const templateIds =
    c.config.wechat.mode === 'dev'
      ? { ...Object.fromEntries(templates.keys().map((k) => [k, `dev-${k}`])), ...c.config.wechat.templateIds }
      : c.config.wechat.templateIds;
  return {
    notifications: new NotificationsService(c.db, c.clock, templates),
    dispatcher: new OutboxDispatcher(c.db, c.ports.subscribeMessages, c.clock, c.logger, {
      batchSize: c.config.dispatch.batchSize,
      concurrency: c.config.dispatch.concurrency,
      leaseMs: 120_000,
      templateIds,
      templates,
    }),
  };
}

/** The outbox, the holder's timeline and subscribe-message delivery, for every module's templates. */
export const notificationsModule: ModuleOf<typeof build, typeof SHARED_TEMPLATES> = {
  name: 'notifications',
  pages: NOTIFICATION_PAGES,
  entities: [OutboxMessage, SubscriptionGrant],
  personalData: () => notificationsPersonalData,
  templates: SHARED_TEMPLATES,
  jobs: [dispatchNotificationsJob],
  build,
  routes: (s) => notificationsRoutes(s.notifications),
};
