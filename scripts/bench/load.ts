import type { EventEmitter } from 'node:events';

/** The part of autocannon 8's programmatic API used here, typed here (the package ships no types). */
interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest, context: Record<string, unknown>) => AcRequest | null;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface AcInstance extends EventEmitter, PromiseLike<{ errors: number; timeouts: number }> {
  stop(): void;
}
const autocannon = require('autocannon') as (opts: {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  timeout?: number;
  requests: AcRequest[];
}) => AcInstance;

/** One request of the load: built fresh for every request, so each can differ (tokens, points, bodies). */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, with `headers` (a signed notice: the signature covers these very bytes). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  /** Responses received. */
  requests: number;
  /**
   * Requests sent: the responses plus those in flight when the run stopped, which the server still
   * works on (the divisor for statements per request).
   */
  sent: number;
  seconds: number;
  rate: number;
  /** Milliseconds, from every response (autocannon's own histogram keeps whole milliseconds only). */
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  /** The first non-2xx answer, to say why. */
  sample?: string;
}

/**
 * Drives `url` from `connections` keep-alive connections for `seconds` (or until `amount`
 * requests, for loads that draw from a finite pool of single-use tokens), recording each
 * response's status and latency.
 */
export async function runLoad(opts: {
  url: string;
  connections: number;
  seconds: number;
  amount?: number;
  next: () => LoadRequest;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sample: string | undefined;
  let built = 0;
  const build = (): AcRequest => {
    built++;
    const r = opts.next();
    const headers: Record<string, string> = {};
    if (r.token) headers.authorization = `Bearer ${r.token}`;
    if (r.body !== undefined || r.rawBody !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, r.headers);
    const body = r.rawBody ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
    return { method: r.method, path: r.path, headers, body };
  };
  const amount = opts.amount !== undefined ? Math.max(opts.amount, opts.connections) : undefined;
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    ...(amount !== undefined ? { amount } : { duration: opts.seconds }),
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...build() }),
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && sample === undefined) sample = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const started = process.hrtime.bigint();
  let ended = started;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
    ended = process.hrtime.bigint();
  });
  // With a finite pool the run still ends on time.
  const timer = amount !== undefined ? setTimeout(() => instance.stop(), opts.seconds * 1000) : undefined;
  const result = await instance;
  if (timer) clearTimeout(timer);
  const seconds = Number(ended - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : Number.NaN;
  const ok = Object.entries(statuses)
    .filter(([s]) => s.startsWith('2'))
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: latencies.length,
    // autocannon builds each request as it sends it (the first of each connection when it sets up).
    sent: Math.max(latencies.length, built),
    seconds,
    rate: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    non2xx: latencies.length - ok,
    errors: result.errors + result.timeouts,
    statuses,
    sample,
  };
}
