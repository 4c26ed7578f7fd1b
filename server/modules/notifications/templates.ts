import type { MODULES } from '../../modules';
import type { TemplatesOf } from '../../module';
import { template, type TemplateDef } from '../../lib/notice-template';
import { NOTIFICATION_PAGES } from './pages';

export type { TemplateDef };

/**
 * The template every module may send: a general service notice. A module with a notice of its own
 * declares its template in its module (any module may send any declared template).
 */
export const SHARED_TEMPLATES = {
  service_notice: template({
    key: 'service_notice',
    label: '服务通知',
    fields: {
      thing1: { type: 'thing', from: 'title' },
      thing2: { type: 'thing', from: 'remark' },
      time3: { type: 'time', from: 'time' },
    },
    extras: ['detail'],
    page: NOTIFICATION_PAGES.home,
    render: (d) => ({ title: d.title, body: d.detail ?? d.remark }),
  }),
};

/** Every module's templates, by key, as the types see them (read from the `MODULES` list). */
type AllTemplates = TemplatesOf<typeof MODULES>;

export type TemplateKey = keyof AllTemplates & string;

/** Template key → the data its notices carry (a wrong key, a missing or an unknown field does not compile). */
export type TemplateData = {
  [K in TemplateKey]: AllTemplates[K] extends { render(data: infer D): unknown } ? D : never;
};

/** The templates the process knows, by key; a key that came from outside (a stored row, a client) is checked here. */
export class TemplateRegistry {
  constructor(private readonly byKey: Readonly<Record<string, TemplateDef>>) {}

  find(key: string): TemplateDef | undefined {
    return Object.hasOwn(this.byKey, key) ? this.byKey[key] : undefined;
  }

  keys(): string[] {
    return Object.keys(this.byKey);
  }
}
