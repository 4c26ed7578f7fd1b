import { z } from 'zod';

/**
 * A verified customer-service push (JSON data format) read into typed messages. Parsing never
 * throws: types we do not handle come back as `unsupported`, broken payloads as `malformed`, so
 * the endpoint can still acknowledge WeChat (which would otherwise retry the same push).
 */

interface PushBase {
  /** The holder's openid (`FromUserName`). */
  openid: string;
  /** When WeChat received it, seconds since the epoch (`CreateTime`). */
  createTime: number;
  /**
   * The same for WeChat's retries of one push and different for every other: `msg:<MsgId>` for
   * messages, `event:<openid>:<CreateTime>:<Event>` for events (events carry no MsgId).
   */
  dedupeKey: string;
}

export interface CsTextPush extends PushBase {
  kind: 'text';
  /** A 64-bit id: kept as a decimal string, never a JS number. */
  msgId: string;
  content: string;
}

export interface CsImagePush extends PushBase {
  kind: 'image';
  msgId: string;
  /** A temporary URL of the picture on WeChat's servers. */
  picUrl: string;
  /** The picture's media id (customerServiceMessage.getTempMedia downloads it for 3 days). */
  mediaId: string;
}

export interface CsMiniProgramPagePush extends PushBase {
  kind: 'miniprogrampage';
  msgId: string;
  title: string;
  pagePath: string;
  thumbMediaId?: string;
  appId?: string;
}

/** The holder opened the service chat from the mini-program's contact button. */
export interface CsEnterSessionPush extends PushBase {
  kind: 'enter_session';
  /** The button's `session-from`: which page the holder came from. */
  sessionFrom?: string;
}

export interface CsUnsupportedPush {
  kind: 'unsupported';
  msgType: string;
  event?: string;
  openid?: string;
  dedupeKey?: string;
}

export interface CsMalformedPush {
  kind: 'malformed';
  /** What was wrong, without the payload's content (it may hold personal data). */
  problem: string;
}

export type CsPush =
  | CsTextPush
  | CsImagePush
  | CsMiniProgramPagePush
  | CsEnterSessionPush
  | CsUnsupportedPush
  | CsMalformedPush;

// Objects are not strict: WeChat adds fields over time, and a new one must not turn a holder's
// message into a malformed push.
const msgId = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);
const base = z.object({
  FromUserName: z.string().min(1).max(128),
  CreateTime: z.number().int().nonnegative(),
  MsgType: z.string().min(1),
});

const textSchema = base.extend({ MsgType: z.literal('text'), MsgId: msgId, Content: z.string() });
const imageSchema = base.extend({
  MsgType: z.literal('image'),
  MsgId: msgId,
  PicUrl: z.string(),
  MediaId: z.string().min(1),
});
const pageSchema = base.extend({
  MsgType: z.literal('miniprogrampage'),
  MsgId: msgId,
  Title: z.string(),
  PagePath: z.string(),
  ThumbMediaId: z.string().optional(),
  AppId: z.string().optional(),
});
const enterSchema = base.extend({
  MsgType: z.literal('event'),
  Event: z.literal('user_enter_tempsession'),
  SessionFrom: z.string().optional(),
});

/** Reads the message JSON text that `CustomerServiceCrypto.openPush` returned. */
export function parseCsPush(json: string): CsPush {
  let raw: unknown;
  try {
    raw = JSON.parse(quoteUnsafeIntegers(json));
  } catch {
    return { kind: 'malformed', problem: 'not JSON' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { kind: 'malformed', problem: 'not a JSON object' };
  }
  const fields = raw as Record<string, unknown>;
  const msgType = fields.MsgType;
  if (typeof msgType !== 'string' || msgType === '') return { kind: 'malformed', problem: 'MsgType missing' };

  const read = <S extends z.ZodType>(schema: S): z.output<S> | CsMalformedPush => {
    const result = schema.safeParse(fields);
    if (result.success) return result.data;
    // Field names and the kind of problem only: values may hold what the holder wrote.
    const problem = result.error.issues.map((i) => `${i.path.join('.') || msgType}: ${i.code}`).join('; ');
    return { kind: 'malformed', problem: `${msgType}: ${problem}` };
  };
  const isMalformed = (v: unknown): v is CsMalformedPush => (v as CsMalformedPush).kind === 'malformed';
  const common = (m: z.output<typeof base>) => ({ openid: m.FromUserName, createTime: m.CreateTime });
  const messageKey = (id: string | number) => `msg:${String(id)}`;

  switch (msgType) {
    case 'text': {
      const m = read(textSchema);
      if (isMalformed(m)) return m;
      const id = String(m.MsgId);
      return { kind: 'text', ...common(m), msgId: id, content: m.Content, dedupeKey: messageKey(id) };
    }
    case 'image': {
      const m = read(imageSchema);
      if (isMalformed(m)) return m;
      const id = String(m.MsgId);
      return {
        kind: 'image',
        ...common(m),
        msgId: id,
        picUrl: m.PicUrl,
        mediaId: m.MediaId,
        dedupeKey: messageKey(id),
      };
    }
    case 'miniprogrampage': {
      const m = read(pageSchema);
      if (isMalformed(m)) return m;
      const id = String(m.MsgId);
      return {
        kind: 'miniprogrampage',
        ...common(m),
        msgId: id,
        title: m.Title,
        pagePath: m.PagePath,
        ...(m.ThumbMediaId ? { thumbMediaId: m.ThumbMediaId } : {}),
        ...(m.AppId ? { appId: m.AppId } : {}),
        dedupeKey: messageKey(id),
      };
    }
    case 'event': {
      const event = typeof fields.Event === 'string' ? fields.Event : undefined;
      if (event !== 'user_enter_tempsession') return unsupported(fields, msgType, event);
      const m = read(enterSchema);
      if (isMalformed(m)) return m;
      return {
        kind: 'enter_session',
        ...common(m),
        ...(m.SessionFrom ? { sessionFrom: m.SessionFrom } : {}),
        dedupeKey: eventKey(m.FromUserName, m.CreateTime, event),
      };
    }
    default:
      return unsupported(fields, msgType, undefined);
  }
}

function eventKey(openid: string, createTime: number, event: string): string {
  return `event:${openid}:${createTime}:${event}`;
}

/** Identifies what we skip well enough for the caller to acknowledge it once and log it. */
function unsupported(fields: Record<string, unknown>, msgType: string, event: string | undefined): CsUnsupportedPush {
  const openid = typeof fields.FromUserName === 'string' ? fields.FromUserName : undefined;
  const createTime = typeof fields.CreateTime === 'number' ? fields.CreateTime : undefined;
  const id = fields.MsgId;
  let dedupeKey: string | undefined;
  if (typeof id === 'string' || typeof id === 'number') dedupeKey = `msg:${String(id)}`;
  else if (openid && createTime !== undefined) dedupeKey = eventKey(openid, createTime, event ?? msgType);
  return {
    kind: 'unsupported',
    msgType,
    ...(event ? { event } : {}),
    ...(openid ? { openid } : {}),
    ...(dedupeKey ? { dedupeKey } : {}),
  };
}

/**
 * WeChat writes MsgId as a bare 64-bit integer, which JSON.parse would round to the nearest double
 * (two ids could become one, and a retry would no longer match its first delivery). Integers
 * beyond 2^53 outside string literals are turned into strings before parsing. Node 20 has no
 * JSON.parse source access, hence the scan.
 */
export function quoteUnsafeIntegers(json: string): string {
  let out = '';
  let i = 0;
  while (i < json.length) {
    const c = json[i];
    if (c === '"') {
      // Copy the string literal whole, escapes included.
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < json.length && /[0-9.eE+-]/.test(json[j])) j++;
      const token = json.slice(i, j);
      out += /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token)) ? `"${token}"` : token;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
