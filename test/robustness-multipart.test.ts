import http from 'node:http';
import net from 'node:net';
import request from 'supertest';
import { buildApp } from '../server/app';
import { createTestContext, type TestContext } from './helpers/context';
import { loginHolder, type Session } from './helpers/factories';
import { startServerProcess, type ServerProcess } from './helpers/server-process';

/**
 * Upload bodies that are broken on purpose, sent byte by byte over raw sockets to a listening
 * server: each one ends its own request with a 4xx (where anyone is left to read it) and never the
 * process; the server keeps answering /health after every one of them.
 */

// Every bound that matters is asserted inside the tests; this only keeps a loaded machine from failing them.
jest.setTimeout(20_000);

const BOUNDARY = 'rongyouBoundary7MA4YWxkTrZu0gW';
const UPLOAD_LIMIT_MB = 1;
const UPLOAD_TIMEOUT_MS = 1000;

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);

const fieldPart = (name: string, value: string, boundary = BOUNDARY) =>
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);

const fileHead = (name = 'file', boundary = BOUNDARY) =>
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="a.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );

const closing = (boundary = BOUNDARY) => Buffer.from(`\r\n--${boundary}--\r\n`);

/** A whole, well-formed upload body. */
const wholeForm = (bytes: Buffer) => Buffer.concat([fieldPart('purpose', 'document'), fileHead(), bytes, closing()]);

/** The request head of an upload, with a declared length or chunked. */
const uploadHead = (
  authorization: string,
  contentLength: number | 'chunked',
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
) =>
  `POST /api/v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\n` +
  `Content-Type: ${contentType}\r\n` +
  (contentLength === 'chunked' ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${contentLength}\r\n`) +
  '\r\n';

const chunk = (bytes: Buffer) =>
  Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
const lastChunk = Buffer.from('0\r\n\r\n');

/** What `p` resolves to, or 'timeout' when it takes longer than `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    p,
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms))),
  ]);
  clearTimeout(timer);
  return result;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/**
 * One exchange on a raw socket. `steps` are written in order: bytes, or a pause. The returned
 * promises settle when the server's answer is complete and when the server closes the socket.
 */
function exchange(
  port: number,
  steps: Array<Buffer | string | { pauseMs: number } | 'destroy'>,
): { answer: Promise<RawAnswer | undefined>; closed: Promise<number>; socket: net.Socket } {
  const socket = net.connect(port, '127.0.0.1');
  const started = Date.now();
  let received = Buffer.alloc(0);
  let answered: (a: RawAnswer | undefined) => void = () => undefined;
  const answer = new Promise<RawAnswer | undefined>((resolve) => (answered = resolve));
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
  socket.on('error', () => undefined);
  socket.on('data', (chunk) => {
    received = Buffer.concat([received, chunk]);
    const end = received.indexOf('\r\n\r\n');
    if (end < 0) return;
    const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const length = Number(headers['content-length'] ?? 0);
    if (received.length < end + 4 + length) return;
    const text = received.subarray(end + 4, end + 4 + length).toString('utf8');
    answered({ status: Number(statusLine.split(' ')[1]), headers, body: text ? JSON.parse(text) : {} });
  });
  socket.on('close', () => answered(undefined));
  void (async () => {
    await new Promise((resolve) => socket.once('connect', resolve));
    for (const step of steps) {
      if (socket.destroyed) return;
      if (step === 'destroy') {
        socket.destroy();
        return;
      }
      if (typeof step === 'object' && 'pauseMs' in step) {
        await new Promise((resolve) => setTimeout(resolve, step.pauseMs));
        continue;
      }
      socket.write(step);
    }
  })();
  return { answer, closed, socket };
}

describe('multipart bodies that are broken on purpose', () => {
  let t: TestContext;
  let server: http.Server;
  let port: number;
  let holder: Session;

  const head = (contentLength: number | 'chunked', contentType?: string) =>
    uploadHead(holder.auth.Authorization, contentLength, contentType);

  /** A body sent whole, with its exact length declared. */
  const post = (body: Buffer, contentType?: string) => exchange(port, [head(body.length, contentType), body]);

  const uploadLogLines = () =>
    t.logs.filter((l) => {
      const line = JSON.parse(l) as { msg?: string; route?: string };
      return line.msg === 'request' && line.route === '/api/v1/files';
    });

  beforeAll(async () => {
    t = await createTestContext({
      env: { UPLOAD_LIMIT_MB: String(UPLOAD_LIMIT_MB), UPLOAD_TIMEOUT_MS: String(UPLOAD_TIMEOUT_MS) },
    });
    server = http.createServer(buildApp(t.container).callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    holder = await loginHolder(t);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  afterEach(async () => {
    // Whatever the body did, the process is alive and answering.
    await request(server).get('/api/v1/health').expect(200, { status: 'ok' });
  });

  async function expectError(
    a: { answer: Promise<RawAnswer | undefined> },
    status: number,
    code: string,
  ): Promise<RawAnswer> {
    const res = await a.answer;
    expect(res).toBeDefined();
    expect(res!.status).toBe(status);
    expect(res!.body.error?.code).toBe(code);
    return res!;
  }

  it('answers 400 to a body that ends inside the file part, without a closing boundary', async () => {
    const body = Buffer.concat([fieldPart('purpose', 'document'), fileHead(), pdf(5000)]);
    const res = await expectError(post(body), 400, 'VALIDATION_FAILED');
    expect(res.body.error?.message).toContain('无法解析上传内容');
    expect(res.headers.connection).toBe('close');
  });

  it('answers 400 to a chunked body that ends inside the file part', async () => {
    const body = Buffer.concat([fieldPart('purpose', 'document'), fileHead(), pdf(5000)]);
    await expectError(exchange(port, [head('chunked'), chunk(body), lastChunk]), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to a body that ends inside a file part it does not want', async () => {
    const body = Buffer.concat([fieldPart('purpose', 'document'), fileHead('attachment'), pdf(3000)]);
    await expectError(post(body), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to a body that ends inside the part headers', async () => {
    const body = Buffer.concat([
      fieldPart('purpose', 'document'),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-da`),
    ]);
    await expectError(post(body), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to a body that ends right after the file, before the closing boundary', async () => {
    const body = Buffer.concat([
      fieldPart('purpose', 'document'),
      fileHead(),
      pdf(2000),
      Buffer.from(`\r\n--${BOUNDARY}`),
    ]);
    await expectError(post(body), 400, 'VALIDATION_FAILED');
  });

  it('ends the request of a client that hangs up mid-body, and keeps serving', async () => {
    const before = uploadLogLines().length;
    const body = wholeForm(pdf(200_000));
    const x = exchange(port, [head(body.length), body.subarray(0, 60_000), { pauseMs: 50 }, 'destroy']);
    expect(await x.answer).toBeUndefined();
    // The request is finished (and logged) rather than left waiting for bytes that never come.
    const deadline = Date.now() + 3000;
    while (uploadLogLines().length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const lines = uploadLogLines()
      .slice(before)
      .map((l) => JSON.parse(l) as { status: number; errorCode?: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 400, errorCode: 'VALIDATION_FAILED' });
  });

  it('ends the request of a client that half-closes mid-body', async () => {
    const before = uploadLogLines().length;
    const body = wholeForm(pdf(100_000));
    const x = exchange(port, [head(body.length), body.subarray(0, 30_000)]);
    await new Promise((r) => setTimeout(r, 50));
    x.socket.end();
    await x.closed;
    const deadline = Date.now() + 3000;
    while (uploadLogLines().length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(uploadLogLines().length).toBe(before + 1);
  });

  it('answers 413 to a declared length over the limit before reading the body, and closes the connection', async () => {
    const declared = UPLOAD_LIMIT_MB * 1024 * 1024 * 4;
    // Only the head and the start of the body are sent; the socket stays open on our side.
    const x = exchange(port, [head(declared), fieldPart('purpose', 'document'), fileHead(), pdf(1000)]);
    const res = await expectError(x, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.headers.connection).toBe('close');
    expect(await within(x.closed, 2000)).toEqual(expect.any(Number));
  });

  it('answers 413 to a chunked body whose file grows past the limit, and closes the connection', async () => {
    const piece = pdf(256 * 1024);
    const steps: Array<Buffer | string> = [
      head('chunked'),
      chunk(Buffer.concat([fieldPart('purpose', 'document'), fileHead()])),
    ];
    for (let i = 0; i < 8; i++) steps.push(chunk(piece));
    const x = exchange(port, steps);
    const res = await expectError(x, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.headers.connection).toBe('close');
    expect(await within(x.closed, 2000)).toEqual(expect.any(Number));
  });

  it('answers 408 to a body that trickles in past the upload timeout, and frees the socket', async () => {
    const body = wholeForm(pdf(4000));
    const steps: Array<Buffer | string | { pauseMs: number }> = [head(body.length), body.subarray(0, 300)];
    // One byte every 100 ms: the whole body would take minutes.
    for (let i = 300; i < body.length; i++) steps.push({ pauseMs: 100 }, body.subarray(i, i + 1));
    const started = Date.now();
    const x = exchange(port, steps);
    const res = await expectError(x, 408, 'REQUEST_TIMEOUT');
    const answeredAfter = Date.now() - started;
    expect(answeredAfter).toBeGreaterThanOrEqual(UPLOAD_TIMEOUT_MS - 50);
    expect(answeredAfter).toBeLessThan(UPLOAD_TIMEOUT_MS + 1500);
    expect(res.headers.connection).toBe('close');
    // The server closes the connection even though the client would go on sending.
    expect(await within(x.closed, 2000)).toEqual(expect.any(Number));
  });

  it('answers 400 to a multipart content type without a boundary', async () => {
    await expectError(post(wholeForm(pdf(1000)), 'multipart/form-data'), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to a body whose boundary is not the declared one', async () => {
    const other = 'someOtherBoundary42';
    const body = Buffer.concat([
      fieldPart('purpose', 'document', other),
      fileHead('file', other),
      pdf(1000),
      closing(other),
    ]);
    await expectError(post(body), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to a part header with no colon', async () => {
    const body = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nthis is not a header\r\n\r\nvalue\r\n`),
      closing().subarray(2),
    ]);
    await expectError(post(body), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to a part header longer than any real one', async () => {
    const body = Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="purpose"; ` +
          `x="${'a'.repeat(40_000)}"\r\n\r\ndocument\r\n`,
      ),
      closing().subarray(2),
    ]);
    await expectError(post(body), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to two files in one request', async () => {
    const body = Buffer.concat([
      fieldPart('purpose', 'document'),
      fileHead(),
      pdf(1000),
      Buffer.from('\r\n'),
      fileHead(),
      pdf(1000),
      closing(),
    ]);
    await expectError(post(body), 400, 'VALIDATION_FAILED');
  });

  it('answers 400 to bytes that are not a form at all, and to an empty body', async () => {
    await expectError(
      post(Buffer.from([0xff, 0x00, 0x13, 0x37, 0x0d, 0x0a, 0x2d, 0x2d, 0x0d, 0x0a])),
      400,
      'VALIDATION_FAILED',
    );
    await expectError(post(Buffer.alloc(0)), 400, 'VALIDATION_FAILED');
    await expectError(post(Buffer.from('purpose=document'), 'text/plain'), 400, 'VALIDATION_FAILED');
  });

  it('still stores a well-formed upload after all of that', async () => {
    const raw = await post(wholeForm(pdf(3000))).answer;
    expect(raw).toMatchObject({ status: 201, body: { purpose: 'document', size: 3000 } });
    const ok = await request(server)
      .post('/api/v1/files')
      .set(holder.auth)
      .field('purpose', 'document')
      .attach('file', pdf(3000), { filename: 'a.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(ok.body).toMatchObject({ purpose: 'document', mime: 'application/pdf', size: 3000 });
  });
});

describe('the server process under a run of broken upload bodies', () => {
  let server: ServerProcess;
  let authorization: string;
  const base = () => `http://127.0.0.1:${server.port}`;

  beforeAll(async () => {
    server = await startServerProcess({
      UPLOAD_LIMIT_MB: String(UPLOAD_LIMIT_MB),
      UPLOAD_TIMEOUT_MS: String(UPLOAD_TIMEOUT_MS),
      LOG_LEVEL: 'info',
    });
    const login = await request(base())
      .post('/api/v1/auth/wechat-login')
      .send({ code: 'dev-broken-bodies' })
      .expect(200);
    authorization = `Bearer ${login.body.accessToken}`;
  }, 30_000);

  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it('keeps running and answering /health after each one, with nothing on stderr', async () => {
    const form = wholeForm(pdf(20_000));
    const cut = Buffer.concat([fieldPart('purpose', 'document'), fileHead(), pdf(5000)]);
    const trickle: Array<Buffer | string | { pauseMs: number }> = [
      uploadHead(authorization, form.length),
      form.subarray(0, 300),
    ];
    for (let i = 300; i < 340; i++) trickle.push({ pauseMs: 100 }, form.subarray(i, i + 1));
    const cases: Array<{ name: string; steps: Parameters<typeof exchange>[1]; status?: number }> = [
      { name: 'ends inside the file part', steps: [uploadHead(authorization, cut.length), cut], status: 400 },
      {
        name: 'chunked, ends inside the file part',
        steps: [uploadHead(authorization, 'chunked'), chunk(cut), lastChunk],
        status: 400,
      },
      {
        name: 'ends inside an unwanted file part',
        steps: [
          uploadHead(authorization, cut.length),
          Buffer.concat([fieldPart('purpose', 'document'), fileHead('other'), pdf(5000)]),
        ],
        status: 400,
      },
      {
        name: 'hangs up mid-body',
        steps: [uploadHead(authorization, form.length), form.subarray(0, 8000), { pauseMs: 50 }, 'destroy'],
      },
      { name: 'declares too much', steps: [uploadHead(authorization, 50 * 1024 * 1024), cut], status: 413 },
      { name: 'trickles', steps: trickle, status: 408 },
      {
        name: 'has no boundary',
        steps: [uploadHead(authorization, form.length, 'multipart/form-data'), form],
        status: 400,
      },
      { name: 'is not a form', steps: [uploadHead(authorization, 4), '\r\n--'], status: 400 },
    ];
    for (const c of cases) {
      const x = exchange(server.port, c.steps);
      const answer = await x.answer;
      if (c.status) expect({ name: c.name, status: answer?.status }).toEqual({ name: c.name, status: c.status });
      // Time for an error nobody listens to, if there were one, to end the process.
      await new Promise((r) => setTimeout(r, 100));
      expect({ name: c.name, alive: server.alive() }).toEqual({ name: c.name, alive: true });
      await request(base()).get('/api/v1/health').expect(200, { status: 'ok' });
    }
    // Each broken request was answered and logged as one line, and nothing went to stderr.
    const uploads = server
      .stdout()
      .split('\n')
      .filter((l) => l.includes('"route":"/api/v1/files"'));
    expect(uploads).toHaveLength(cases.length);
    expect(server.stderr()).toBe('');
  });
});
