import { isoTime } from '../../lib/time';
import { PAGES } from './pages';

/**
 * Subscribe-message templates, by key. Each names the WeChat fields of the template chosen in
 * the mini-program's console, where each field's value comes from, and the page a tap opens.
 * Template ids come from configuration (`WECHAT_TEMPLATE_IDS`), so the code never hard-codes them.
 */

/** WeChat field types and their value limits (characters). */
export const FIELD_LIMITS = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  letter: 32,
  number: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
  amount: 11,
  time: 32,
  date: 32,
} as const;
export type FieldType = keyof typeof FIELD_LIMITS;

/** One WeChat field of a template: its type and the data key whose value it shows. */
export interface FieldSpec {
  type: FieldType;
  from: string;
}

/** A template as the dispatcher reads it back from the outbox: values by data key, whatever the template. */
export interface TemplateDef {
  key: string;
  /** Shown to the holder when asking for the grant, and in the timeline's filter. */
  label: string;
  /** WeChat field name (e.g. `thing1`) → its type and the data key it shows. */
  fields: Record<string, FieldSpec>;
  /** Data keys only the timeline reads (never sent to WeChat); a notice may leave them out. */
  extras: readonly string[];
  /** Default page a tap opens; a notice may give its own. */
  page: string;
  /** The timeline entry (title ≤ 64, body ≤ 500 characters). */
  render(data: Record<string, string>): { title: string; body: string };
}

/** Spells out an intersection, so error messages and hovers show one flat object. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** The data a template reads: every field's data key, required, and its extras, optional. */
export type DataFor<F extends Record<string, FieldSpec>, X extends string> = Flat<
  { [K in F[keyof F]['from']]: string } & { [K in X]?: string }
>;

/** A template whose `render` sees exactly the data it declares. */
export interface Template<K extends string, D> extends Omit<TemplateDef, 'key' | 'render'> {
  key: K;
  render(data: D): { title: string; body: string };
}

/** Declares a template; its data shape is derived from `fields` and `extras`. */
function template<
  const K extends string,
  const F extends Record<string, FieldSpec>,
  const X extends string = never,
>(def: {
  key: K;
  label: string;
  fields: F;
  extras?: readonly X[];
  page: string;
  render(data: DataFor<F, X>): { title: string; body: string };
}): Template<K, DataFor<F, X>> {
  return { ...def, extras: def.extras ?? [] };
}

/**
 * Cuts a value to what WeChat accepts for the field type, in one place: `thing` ends with an
 * ellipsis when cut, `phrase` and the code-like types are cut hard. Counts characters, not UTF-16 units.
 */
export function fitField(type: FieldType, value: string): string {
  const chars = Array.from(value.replace(/\s+/g, ' ').trim());
  const limit = FIELD_LIMITS[type];
  if (chars.length <= limit) return chars.join('');
  if (type === 'thing') return chars.slice(0, limit - 1).join('') + '…';
  return chars.slice(0, limit).join('');
}

/** `2026年11月23日 18:30` in Asia/Shanghai, the form WeChat's `time` fields take. */
export function wechatTime(d: Date): string {
  const s = isoTime(d);
  return `${s.slice(0, 4)}年${s.slice(5, 7)}月${s.slice(8, 10)}日 ${s.slice(11, 16)}`;
}

export const TEMPLATES = {
  application_status: template({
    key: 'application_status',
    label: '办理进度通知',
    fields: {
      thing1: { type: 'thing', from: 'subject' },
      phrase2: { type: 'phrase', from: 'status' },
      time3: { type: 'time', from: 'time' },
      thing4: { type: 'thing', from: 'remark' },
    },
    // `remark` fits WeChat's 20-character field; an optional `detail` carries the whole text to the timeline.
    extras: ['detail'],
    page: PAGES.card,
    render: (d) => ({ title: `${d.subject}：${d.status}`, body: d.detail ?? d.remark }),
  }),
  appointment_reminder: template({
    key: 'appointment_reminder',
    label: '预约提醒',
    fields: {
      thing1: { type: 'thing', from: 'service' },
      time2: { type: 'time', from: 'time' },
      thing3: { type: 'thing', from: 'place' },
      thing4: { type: 'thing', from: 'remark' },
    },
    extras: ['detail'],
    page: PAGES.appointments,
    render: (d) => ({ title: `预约提醒：${d.service}`, body: d.detail ?? `${d.time} ${d.place}。${d.remark}` }),
  }),
  service_notice: template({
    key: 'service_notice',
    label: '服务通知',
    fields: {
      thing1: { type: 'thing', from: 'title' },
      thing2: { type: 'thing', from: 'remark' },
      time3: { type: 'time', from: 'time' },
    },
    extras: ['detail'],
    page: PAGES.home,
    render: (d) => ({ title: d.title, body: d.detail ?? d.remark }),
  }),
};

export type TemplateKey = keyof typeof TEMPLATES;

/** Template key → the data its notices carry (a wrong key, a missing or an unknown field does not compile). */
export type TemplateData = { [K in TemplateKey]: Parameters<(typeof TEMPLATES)[K]['render']>[0] };

export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as [TemplateKey, ...TemplateKey[]];

/**
 * The template of a key that came from outside the code (a stored outbox row, a client's
 * answer), or undefined when there is none.
 */
export function findTemplate(key: string): TemplateDef | undefined {
  return Object.hasOwn(TEMPLATES, key) ? (TEMPLATES[key as TemplateKey] as TemplateDef) : undefined;
}

/** The `data` object of subscribeMessage.send for a notice's values. */
export function wechatData(
  template: Pick<TemplateDef, 'fields'>,
  values: Record<string, string>,
): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [field, spec] of Object.entries(template.fields)) {
    out[field] = { value: fitField(spec.type, values[spec.from] ?? '') };
  }
  return out;
}
