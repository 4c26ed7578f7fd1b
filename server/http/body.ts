import type { AppContext } from './context';
import { AppError, payloadTooLarge, requestTimeout, validationFailed } from '../lib/errors';
import type { BodyFormat } from './route';
import { parseXml, XmlSyntaxError } from './xml';

export interface RawBodyOptions {
  /** The most bytes read; more is 413 (the same limit as a JSON body). */
  limitBytes: number;
  /** The whole body must arrive within this time, or the request ends with 408. */
  timeoutMs: number;
}

const unsupported = () => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型');
const unreadable = (what: string, why?: string) =>
  new AppError(400, 'VALIDATION_FAILED', `请求体：不是有效的 ${what}`, [
    { field: 'body', message: why ? `不是有效的 ${what}：${why}` : `不是有效的 ${what}` },
  ]);

/**
 * Reads the request body into memory exactly as it arrived: no decoding, no BOM stripping, no
 * whitespace touched, so a signature computed over it matches. Refuses compressed bodies (415),
 * a body over the limit (413, before reading when Content-Length says so), a body cut short (400)
 * and one still arriving at the deadline (408).
 */
export function readRawBody(ctx: AppContext, opts: RawBodyOptions): Promise<Buffer> {
  const encoding = (ctx.get('content-encoding') || 'identity').toLowerCase();
  if (encoding !== 'identity') return Promise.reject(unsupported());
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > opts.limitBytes) {
    ctx.set('Connection', 'close');
    return Promise.reject(payloadTooLarge());
  }
  const req = ctx.req;
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const detach = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const fail = (err: AppError) => {
      if (settled) return;
      settled = true;
      detach();
      // Drop the rest and close once the answer is written: the socket is not worth keeping.
      ctx.set('Connection', 'close');
      req.resume();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.limitBytes) return fail(payloadTooLarge());
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (settled) return;
      settled = true;
      detach();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = () => fail(validationFailed('body', '无法读取请求体'));
    const onClose = () => {
      if (!req.complete) fail(validationFailed('body', '请求未完成，连接已断开'));
    };
    const timer = setTimeout(() => fail(requestTimeout()), opts.timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** The format a Content-Type names, or undefined for anything else. */
function formatOf(contentType: string): BodyFormat | undefined {
  const [media, ...params] = contentType
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return undefined;
  if (media === 'application/json' || media.endsWith('+json')) return 'json';
  if (media === 'application/xml' || media === 'text/xml' || media.endsWith('+xml')) return 'xml';
  return undefined;
}

/**
 * Parses raw body bytes as one of the formats a route accepts, chosen by Content-Type: UTF-8 only
 * (a leading BOM is skipped for parsing; the raw bytes keep it). An empty body is `{}`, as the JSON
 * body parser gives. A type the route does not accept is 415; a body that does not parse is 400.
 */
export function parseBody(bytes: Buffer, contentType: string, accepts: readonly BodyFormat[]): unknown {
  if (bytes.length === 0) return {};
  const format = formatOf(contentType);
  if (!format || !accepts.includes(format)) throw unsupported();
  let text: string;
  try {
    // fatal: bytes that are not UTF-8 are refused rather than replaced; the BOM is dropped here only.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable(format === 'json' ? 'JSON' : 'XML');
  }
  if (format === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw unreadable('JSON');
    }
  }
  try {
    return parseXml(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw unreadable('XML', err.message);
    throw err;
  }
}
