/**
 * The HTTP side of the WeChat server API: JSON over HTTPS with a configurable base URL (a fake
 * server on loopback in tests), a timeout, and the `errcode`/`errmsg` convention unwrapped.
 */
export class WeChatHttp {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 5000,
  ) {}

  async getJson<T>(path: string, query: Record<string, string>): Promise<T & WeChatErrorFields> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return this.send<T>(url, { method: 'GET' });
  }

  async postJson<T>(path: string, query: Record<string, string>, body: unknown): Promise<T & WeChatErrorFields> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return this.send<T>(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /**
   * A GET answering either bytes (media) or a JSON error: the bytes with their declared type, read
   * up to `maxBytes` (more is refused as `tooLarge` without reading on), or the parsed JSON when
   * WeChat answers with one. Network errors, timeouts and 5xx throw WeChatTransportError.
   */
  async getBytes(
    path: string,
    query: Record<string, string>,
    maxBytes: number,
  ): Promise<WeChatBytes | (WeChatErrorFields & { kind: 'json' })> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const signal = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await fetch(url, { method: 'GET', signal });
    } catch (err) {
      throw new WeChatTransportError(`network: ${(err as Error).name}`);
    }
    if (res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      throw new WeChatTransportError(`http ${res.status}`, res.status);
    }
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'tooLarge' };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = res.body?.getReader();
    try {
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) break;
        size += next.value.length;
        if (size > maxBytes) {
          await reader?.cancel().catch(() => undefined);
          return { kind: 'tooLarge' };
        }
        chunks.push(Buffer.from(next.value));
      }
    } catch (err) {
      // The timeout also aborts a body that arrives too slowly.
      throw new WeChatTransportError(`network: ${(err as Error).name}`);
    }
    const bytes = Buffer.concat(chunks);
    // Errors come as JSON (sometimes labelled text/plain); media never starts with "{".
    if (contentType === 'application/json' || contentType.startsWith('text/') || bytes[0] === 0x7b) {
      try {
        return { kind: 'json', ...(JSON.parse(bytes.toString('utf8')) as WeChatErrorFields) };
      } catch {
        if (contentType === 'application/json') {
          throw new WeChatTransportError(`unparseable response (http ${res.status})`, res.status);
        }
      }
    }
    return { kind: 'bytes', status: res.status, contentType, bytes };
  }

  private async send<T>(url: URL, init: RequestInit): Promise<T & WeChatErrorFields> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new WeChatTransportError(`network: ${(err as Error).name}`);
    }
    if (res.status >= 500) throw new WeChatTransportError(`http ${res.status}`, res.status);
    const text = await res.text();
    try {
      // WeChat answers JSON, sometimes labelled text/plain.
      return JSON.parse(text) as T & WeChatErrorFields;
    } catch {
      throw new WeChatTransportError(`unparseable response (http ${res.status})`, res.status);
    }
  }
}

export interface WeChatErrorFields {
  errcode?: number;
  errmsg?: string;
}

/** Bytes as WeChat answered them, or the note that they passed the size cap. */
export type WeChatBytes = { kind: 'bytes'; status: number; contentType: string; bytes: Buffer } | { kind: 'tooLarge' };

/** The request never got a usable answer (network, timeout, 5xx, garbage): safe to retry. */
export class WeChatTransportError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(`WeChat transport error: ${message}`);
    this.name = 'WeChatTransportError';
  }
}
