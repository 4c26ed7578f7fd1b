import { isoTime } from './time';

/**
 * Subscribe-message templates: the WeChat fields of a template chosen in the mini-program's console,
 * where each field's value comes from, and the page a tap opens. Modules declare their templates
 * with `template()`; template ids come from configuration (`WECHAT_TEMPLATE_IDS`), never the code.
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
export function template<
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
