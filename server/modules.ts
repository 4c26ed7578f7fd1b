import { appealsModule } from './modules/appeals/appeals.module';
import { authModule } from './modules/auth/auth.module';
import { cardsModule } from './modules/cards/cards.module';
import { chatModule } from './modules/chat/chat.module';
import { consoleModule } from './modules/console/console.module';
import { employmentModule } from './modules/employment/employment.module';
import { filesModule } from './modules/files/files.module';
import { healthModule } from './modules/health/health.module';
import { legalAidModule } from './modules/legal-aid/legal-aid.module';
import { lodgingModule } from './modules/lodging/lodging.module';
import { merchantsModule } from './modules/merchants/merchants.module';
import { notificationsModule } from './modules/notifications/notifications.module';
import { paymentsModule } from './modules/payments/payments.module';
import { peopleModule } from './modules/people/people.module';
import { privacyModule } from './modules/privacy/privacy.module';
import { proxiesModule } from './modules/proxies/proxies.module';
import { rosterModule } from './modules/roster/roster.module';
import { staffModule } from './modules/staff/staff.module';
import type { TemplateDef } from './lib/notice-template';
import type { AnyModule } from './module';
import type { FileReadRule } from './modules/files/file-use.service';

/**
 * The process is these modules. Each declares its tables, migrations, templates, jobs, file-read
 * rules, services and routes in its `<name>.module.ts`; the database, the migration list, the
 * container, the routes, the scheduler and the templates are read from here. A module is built
 * after those listed before it, whose services it may use.
 */
export const MODULES = [
  healthModule,
  authModule,
  staffModule,
  notificationsModule,
  peopleModule,
  filesModule,
  cardsModule,
  merchantsModule,
  legalAidModule,
  paymentsModule,
  proxiesModule,
  appealsModule,
  employmentModule,
  lodgingModule,
  chatModule,
  rosterModule,
  privacyModule,
  consoleModule,
] as const;

/** Every module's notice templates, by key (a key declared twice stops the process). */
export const TEMPLATES: Record<string, TemplateDef> = collect('template', (m) => m.templates);

/** Every module's file-read rules, by owner type. */
export const FILE_READ_RULES: Record<string, FileReadRule> = collect('file owner type', (m) => m.fileReadRules);

function collect<V>(what: string, pick: (m: AnyModule) => Record<string, V> | undefined) {
  const out: Record<string, V> = {};
  for (const m of MODULES as readonly AnyModule[]) {
    for (const [key, value] of Object.entries(pick(m) ?? {})) {
      if (Object.hasOwn(out, key)) throw new Error(`The ${what} "${key}" is declared twice (module ${m.name})`);
      out[key] = value;
    }
  }
  return out;
}
