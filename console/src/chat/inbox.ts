import type { CannedReply, InboxItem, StaffLine } from './types';

export type InboxTab = 'waiting' | 'mine' | 'open' | 'resolved';

/** The list route's query for a tab: waiting (everyone's queue), mine, everyone's open ones, resolved. */
export function tabQuery(tab: InboxTab): { state: string; mine?: 'true' } {
  if (tab === 'waiting') return { state: 'waiting_staff' };
  if (tab === 'mine') return { state: 'with_staff', mine: 'true' };
  if (tab === 'open') return { state: 'with_staff' };
  return { state: 'resolved' };
}

export const TAB_LABELS: Record<InboxTab, string> = {
  waiting: '待接入',
  mine: '我的对话',
  open: '接待中（全部）',
  resolved: '已结束',
};

export const STATE_LABELS: Record<string, string> = {
  bot: '智能助手',
  waiting_staff: '待接入',
  with_staff: '接待中',
  resolved: '已结束',
};

export const TRIGGER_LABELS: Record<string, string> = {
  asked: '主动转人工',
  unknowns: '助手连续未能回答',
  intent: '投诉或纠纷',
};

export const SENDER_LABELS: Record<string, string> = {
  holder: '持证人',
  assistant: '智能助手',
  staff: '工作人员',
  system: '系统',
};

export const HISTORY_LABELS: Record<string, string> = {
  start: '开始咨询',
  hand_over: '转人工',
  claim: '接入',
  transfer: '转交',
  release: '退回队列',
  resolve: '结束',
  reopen: '重新咨询',
};

/** Outcomes staff pick most often when closing a conversation (or they write their own). */
export const OUTCOME_PRESETS = ['已解答', '已引导办理', '已转线下服务站处理', '已登记投诉', '持证人无回应'];

/** Seconds as a clerk says them: `45 秒`, `12 分钟`, `2 小时 5 分`, `3 天 4 小时`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} 分钟`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} 小时 ${m % 60} 分` : `${h} 小时`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} 天 ${h % 24} 小时` : `${d} 天`;
}

/** Waiting since the list was fetched, counted on from the server's figure. */
export const waitedNow = (item: InboxItem, fetchedAt: number, now: number): number =>
  item.state === 'waiting_staff'
    ? item.waitingSeconds + Math.max(0, Math.floor((now - fetchedAt) / 1000))
    : item.waitingSeconds;

/** Long waits stand out: over 10 minutes amber, over 30 red. */
export const waitLevel = (seconds: number): 'ok' | 'warn' | 'late' =>
  seconds >= 1800 ? 'late' : seconds >= 600 ? 'warn' : 'ok';

/**
 * Each waiting conversation's place in its own queue (the station's, or the district queue for none),
 * as the holder is told it: the list comes oldest waiting first.
 */
export function queuePlaces(items: readonly InboxItem[]): Map<number, number> {
  const seen = new Map<string, number>();
  const places = new Map<number, number>();
  for (const it of items) {
    if (it.state !== 'waiting_staff') continue;
    const key = it.station ? String(it.station.id) : 'district';
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    places.set(it.id, n);
  }
  return places;
}

const lineKey = (l: StaffLine) => (l.internal ? 'n' : 'm') + l.id;

/** The conversation's lines after new ones arrive: each once, in time order (a note after a message of the same instant). */
export function mergeLines(current: readonly StaffLine[], incoming: readonly StaffLine[]): StaffLine[] {
  const byKey = new Map<string, StaffLine>();
  for (const l of current) byKey.set(lineKey(l), l);
  for (const l of incoming) byKey.set(lineKey(l), l);
  return [...byKey.values()].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || Number(a.internal) - Number(b.internal) || a.id - b.id,
  );
}

/** What tells the poll the selected conversation moved: its state, agent and latest line. */
export const changeMark = (item: InboxItem | undefined): string =>
  item
    ? [item.state, item.agent?.accountId ?? '', item.lastMessage?.at ?? '', item.lastMessage?.text.length ?? ''].join(
        '|',
      )
    : '';

/** The variables a canned reply may hold; the server fills them for the holder when the reply is sent as it is. */
export const CANNED_VARIABLES = ['{姓名}', '{申请状态}', '{服务站电话}'] as const;

export const variablesIn = (text: string): string[] => CANNED_VARIABLES.filter((v) => text.includes(v));

/** What the reply box holds: typed text, possibly started from a canned reply. */
export interface Draft {
  text: string;
  /** The canned reply inserted last, and its text as inserted. */
  canned: { id: number; text: string } | null;
  internal: boolean;
}

export type ReplyBody = { text: string; internal?: true } | { cannedReplyId: number; internal?: true };

/** Text limits the server applies to a staff reply (as to a holder's message). */
export const MAX_REPLY = 500;

/**
 * The body to send for a draft, or why it cannot go.
 * - A canned reply sent unchanged goes by its id, so the server fills `{姓名}` and the others for this holder.
 * - Edited text goes as typed; a variable still in it would reach the holder as written, so it is refused.
 */
export function replyBody(d: Draft): { body: ReplyBody } | { error: string } {
  const text = d.text.trim();
  const internal = d.internal ? { internal: true as const } : {};
  if (!text) return { error: '请输入内容' };
  if (d.canned && text === d.canned.text.trim()) return { body: { cannedReplyId: d.canned.id, ...internal } };
  const left = variablesIn(text);
  if (left.length && !d.internal) {
    return { error: `请把 ${left.join('、')} 换成实际内容，或不修改常用语直接发送（系统自动填写）` };
  }
  if ([...text].length > MAX_REPLY) return { error: `最多 ${MAX_REPLY} 字` };
  return { body: { text, ...internal } };
}

/** Canned replies matching what the clerk typed (title or text), the station's own first. */
export function filterCanned(items: readonly CannedReply[], q: string): CannedReply[] {
  const s = q.trim();
  const hits = s ? items.filter((c) => c.title.includes(s) || c.text.includes(s)) : [...items];
  return hits.sort(
    (a, b) => Number(a.stationId === null) - Number(b.stationId === null) || a.title.localeCompare(b.title, 'zh'),
  );
}

/** Inserts a canned reply's text at the caret (replacing a selection). */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insert + text.slice(b), caret: a + insert.length };
}

/** Today in Asia/Shanghai, `YYYY-MM-DD`, and the day `days` before it. */
export function shanghaiDay(at: number, daysBefore = 0): string {
  const d = new Date(at + 8 * 3600_000 - daysBefore * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Share as a percentage, one decimal: `12.5%`; a dash for none. */
export const percent = (r: number | null | undefined): string =>
  r === null || r === undefined ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;

/** What the assistant took the holder to want. */
export const INTENT_LABELS: Record<string, string> = {
  card_status: '查询优待证进度',
  card_apply: '申领优待证',
  card_lost: '优待证挂失补领',
  card_show: '出示电子优待证',
  nearby_discounts: '附近优待商户',
  legal_services: '法律服务',
  legal_free_times: '法律服务可约时间',
  legal_my_appointments: '我的法律服务预约',
  legal_book: '预约法律服务',
  notices: '通知消息',
  appeal_status: '我的诉求进度',
  appeal_file: '反映诉求 / 申请代办',
  jobs: '就业超市',
  lodging: '军人驿站',
  policy: '政策咨询',
  greeting: '问候',
  thanks: '致谢',
  ask_person: '转人工',
  unknown: '未能识别',
};

/** Staff who can take a transfer, as far as this desk knows them: agents seen in the lists and the figures. */
export function transferCandidates(
  known: ReadonlyArray<{ accountId: number; displayName: string }>,
  me: number | undefined,
  current: number | undefined,
): Array<{ accountId: number; displayName: string }> {
  const byId = new Map<number, string>();
  for (const k of known) if (k.accountId !== me && k.accountId !== current) byId.set(k.accountId, k.displayName);
  return [...byId]
    .map(([accountId, displayName]) => ({ accountId, displayName }))
    .sort((a, b) => a.accountId - b.accountId);
}
