/**
 * Structured JSON logs, one line per event. Personal data never belongs in a log: fields with
 * sensitive names are dropped, and strings are scrubbed of anything shaped like a Chinese ID
 * number or mobile number as a second line of defence.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const SENSITIVE_KEY =
  /pass(word)?|secret|token|authorization|cookie|id_?number|phone|session_?key|openid|unionid|cipher/i;
// Digit lookarounds rather than \b: a number glued to letters ("tel13800138000") is still caught.
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
const MOBILE = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g;

// Both shapes hold a run of at least eleven digits: a string without one is left as it is, which is
// most of them (ids, routes, codes), for the price of one simple scan.
const LONG_DIGIT_RUN = /\d{11}/;

export function scrub(value: string): string {
  if (value.length < 11 || !LONG_DIGIT_RUN.test(value)) return value;
  return value.replace(ID_NUMBER, '[id-number]').replace(MOBILE, '[phone]');
}

/** Whether a field's name says it holds a secret or personal data, remembered per name (a log has few). */
const sensitiveKeys = new Map<string, boolean>();
function isSensitiveKey(key: string): boolean {
  let known = sensitiveKeys.get(key);
  if (known === undefined) {
    known = SENSITIVE_KEY.test(key);
    if (sensitiveKeys.size < 10_000) sensitiveKeys.set(key, known);
  }
  return known;
}

function clean(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[deep]';
  if (value instanceof Error) {
    return { name: value.name, message: scrub(value.message), stack: value.stack ? scrub(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSensitiveKey(k) ? '[redacted]' : clean(v, depth + 1);
  }
  return out;
}

export type LogSink = (line: string) => void;

/**
 * Lines handed to `write` once per turn of the event loop rather than one write each: under load a
 * request's line joins the others of the same turn. Whatever is pending when the process exits (a
 * crash, `process.exit`) is written first (standard output to a file or pipe is synchronous on Linux).
 */
export function batchedSink(write: (text: string) => void): LogSink {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(`${line}\n`);
  };
}

let stdoutSink: LogSink | undefined;
/** One batched standard output for the process, however many loggers there are. */
const defaultSink: LogSink = (line) => {
  stdoutSink ??= batchedSink((text) => process.stdout.write(text));
  stdoutSink(line);
};

export function createLogger(level: LogLevel | 'silent', sink: LogSink = defaultSink, base: LogFields = {}): Logger {
  const threshold = ORDER[level];
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < threshold) return;
    const record = clean({ ...base, ...fields }) as LogFields;
    sink(JSON.stringify({ level: lvl, time: new Date().toISOString(), msg: scrub(msg), ...record }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }),
  };
}
