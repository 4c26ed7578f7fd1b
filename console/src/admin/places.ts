export interface StationForm {
  districtId: number | null;
  name: string;
  address: string;
  phone: string;
}

export const PHONE = /^[0-9+\-() ]*$/;

/** What is wrong with a station's form, field by field; empty when it may be sent. */
export function stationFormErrors(f: StationForm): Partial<Record<keyof StationForm, string>> {
  const e: Partial<Record<keyof StationForm, string>> = {};
  if (f.districtId === null) e.districtId = '请选择所属区';
  if (!f.name.trim()) e.name = '请填写服务站名称';
  else if (f.name.trim().length > 64) e.name = '名称最多 64 字';
  if (!f.address.trim()) e.address = '请填写地址';
  else if (f.address.trim().length > 255) e.address = '地址最多 255 字';
  if (f.phone.trim().length > 32) e.phone = '电话最多 32 位';
  else if (!PHONE.test(f.phone.trim())) e.phone = '电话只能包含数字、空格和 +-()';
  return e;
}

/** Only the fields that changed, for PATCH; a cleared phone is null. */
export function stationPatch(
  before: { name: string; address: string; phone: string | null },
  f: StationForm,
): { name?: string; address?: string; phone?: string | null } {
  const out: { name?: string; address?: string; phone?: string | null } = {};
  if (f.name.trim() !== before.name) out.name = f.name.trim();
  if (f.address.trim() !== before.address) out.address = f.address.trim();
  const phone = f.phone.trim() || null;
  if (phone !== before.phone) out.phone = phone;
  return out;
}

export function districtFormErrors(f: { code: string; name: string }): { code?: string; name?: string } {
  const e: { code?: string; name?: string } = {};
  if (!/^\d{6}$/.test(f.code.trim())) e.code = '区划代码为 6 位数字';
  if (!f.name.trim()) e.name = '请填写区名称';
  return e;
}

export type Weekly = Array<Array<{ start: string; end: string }>>;

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** A day's spans as the form shows them: `09:00-12:00, 13:30-17:30`; empty for closed. */
export const spansText = (spans: ReadonlyArray<{ start: string; end: string }>): string =>
  spans.map((s) => `${s.start}-${s.end}`).join(', ');

/** Reads `09:00-12:00, 13:30-17:30` (full-width punctuation too); an error message when it is not that. */
export function parseSpans(text: string): Array<{ start: string; end: string }> | string {
  const t = text
    .replace(/[，、；;]/g, ',')
    .replace(/[–—~～至]/g, '-')
    .replace(/：/g, ':')
    .trim();
  if (!t) return [];
  const out: Array<{ start: string; end: string }> = [];
  for (const part of t
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return `无法识别“${part}”，格式如 09:00-12:00`;
    const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number);
    if (sh > 23 || eh > 23 || sm > 59 || em > 59) return `时间无效：${part}`;
    const start = `${String(sh).padStart(2, '0')}:${m[2]}`;
    const end = `${String(eh).padStart(2, '0')}:${m[4]}`;
    if (start >= end) return `结束须晚于开始：${part}`;
    out.push({ start, end });
  }
  if (out.length > 4) return '每天最多 4 个时段';
  const sorted = [...out].sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) return '时段不能重叠';
  }
  return sorted;
}
