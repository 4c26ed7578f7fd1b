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
