import { z } from 'zod';
import { AppError, badRequest } from '../server/lib/errors';
import { longWait, RequestAborted } from '../server/http/long-wait';
import { route, type RouteSpec } from '../server/http/route';
import { createTestContext, takeResponseMismatches, type TestContext } from './helpers/context';

/**
 * The HTTP edge for routes with needs of their own: the exact body bytes, XML, their own error
 * shape, waits that end when the process drains, and the check that every answer matches its
 * declared schema. The routes are built here and added to the app only in these tests.
 */

const payError = z.strictObject({ code: z.string(), message: z.string() });

/** What the routes saw, for the tests to read back. */
const seen: { waits: Array<{ outcome: string; reason?: string }>; entered: Array<() => void> } = {
  waits: [],
  entered: [],
};

const edgeRoutes: RouteSpec[] = [
  route({
    method: 'post',
    path: '/test/raw',
    tag: 'test',
    summary: 'Echo the raw body',
    access: 'public',
    rawBody: true,
    body: z.looseObject({}),
    responses: { 200: { description: 'The bytes', schema: z.object({ hex: z.string(), parsed: z.unknown() }) } },
    handler: async ({ rawBody, body }) => ({ body: { hex: rawBody!.toString('hex'), parsed: body } }),
  }),
  route({
    method: 'post',
    path: '/test/raw-xml',
    tag: 'test',
    summary: 'Echo the raw body of an XML message',
    access: 'public',
    rawBody: true,
    accepts: ['xml'],
    body: z.object({ Encrypt: z.string() }),
    responses: { 200: { description: 'The bytes', schema: z.object({ hex: z.string(), encrypt: z.string() }) } },
    handler: async ({ rawBody, body }) => ({ body: { hex: rawBody!.toString('hex'), encrypt: body.Encrypt } }),
  }),
  route({
    method: 'post',
    path: '/test/message',
    tag: 'test',
    summary: 'A WeChat message, as XML or JSON',
    access: 'public',
    accepts: ['xml', 'json'],
    body: z.strictObject({
      ToUserName: z.string(),
      FromUserName: z.string(),
      CreateTime: z.string(),
      MsgType: z.string(),
      Content: z.string(),
      MsgId: z.string(),
    }),
    responses: { 200: { description: 'The message', schema: z.object({ message: z.record(z.string(), z.string()) }) } },
    handler: async ({ body }) => ({ body: { message: body } }),
  }),
  route({
    method: 'post',
    path: '/test/pay-notify',
    tag: 'test',
    summary: 'Answers errors as WeChat Pay wants them',
    access: 'public',
    rawBody: true,
    body: z.strictObject({ id: z.string(), fail: z.enum(['app', 'crash']).optional() }),
    errorFormat: {
      schema: payError,
      format: (err: AppError) => ({
        status: Math.min(err.status, 500),
        body: { code: 'FAIL', message: err.message },
      }),
    },
    responses: { 204: { description: 'Accepted' } },
    handler: async ({ body }) => {
      if (body.fail === 'app') throw badRequest('SIGN_INVALID', '签名错误');
      if (body.fail === 'crash') throw new Error('boom');
      return { status: 204 };
    },
  }),
  route({
    method: 'get',
    path: '/test/wait',
    tag: 'test',
    summary: 'A long poll that waits up to 25 s',
    access: 'public',
    responses: {
      200: {
        description: 'What arrived',
        schema: z.object({ items: z.array(z.never()), outcome: z.enum(['woken', 'timeout', 'aborted']) }),
      },
    },
    handler: async ({ signal }) => {
      for (const entered of seen.entered.splice(0)) entered();
      const outcome = await longWait(signal, 25_000);
      const reason = signal.reason instanceof RequestAborted ? signal.reason.why : undefined;
      seen.waits.push({ outcome, reason });
      return { body: { items: [], outcome } };
    },
  }),
  route({
    method: 'get',
    path: '/test/wrong-shape',
    tag: 'test',
    summary: 'Answers other than it declares',
    access: 'public',
    query: z.object({ as: z.enum(['type', 'extra', 'status', 'error']) }),
    responses: { 200: { description: 'An id', schema: z.object({ id: z.number().int() }) } },
    handler: async ({ query, ctx }) => {
      if (query.as === 'type') return { body: { id: 'seven' } };
      if (query.as === 'extra') return { body: { id: 7, secret: 'x' } };
      if (query.as === 'status') return { status: 202, body: { id: 7 } };
      ctx.status = 400;
      return { status: 400, body: { message: 'no code' } };
    },
  }),
];

/** Sends a Buffer body as its bytes, whatever the Content-Type says. */
const asIs = (body: unknown) => body as string;

/** Resolves once the next /test/wait handler has started waiting. */
const nextWaitEntered = () => new Promise<void>((resolve) => seen.entered.push(resolve));

describe('HTTP edge for routes with their own needs', () => {
  let t: TestContext;
  let drain: AbortController;
  beforeAll(async () => {
    drain = new AbortController();
    t = await createTestContext({
      extraRoutes: edgeRoutes,
      drainSignal: drain.signal,
      env: { JSON_BODY_LIMIT_KB: '4' },
    });
  });
  afterAll(() => t.close());

  describe('raw body', () => {
    it('hands the handler the exact bytes: BOM, odd whitespace and UTF-8 untouched', async () => {
      const text = '\uFEFF  {\t"a" :\r\n 1 ,  "名":"退役 军人" }\n\n';
      const bytes = Buffer.from(text, 'utf8');
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const res = await t.http
        .post('/test/raw')
        .set('Content-Type', 'application/json')
        .serialize(asIs)
        .send(bytes)
        .expect(200);
      expect(res.body.hex).toBe(bytes.toString('hex'));
      expect(res.body.parsed).toEqual({ a: 1, 名: '退役 军人' });
    });

    it('keeps the bytes of an XML message exactly too', async () => {
      const xml =
        '<xml>\r\n  <ToUserName><![CDATA[gh_1]]></ToUserName>\n<Encrypt><![CDATA[a+b/c==]]></Encrypt>  </xml>  ';
      const res = await t.http
        .post('/test/raw-xml')
        .set('Content-Type', 'text/xml')
        .serialize(asIs)
        .send(Buffer.from(xml))
        .expect(200);
      expect(Buffer.from(res.body.hex, 'hex').toString('utf8')).toBe(xml);
      expect(res.body.encrypt).toBe('a+b/c==');
    });

    it('still applies the JSON size limit, before reading when the length is declared', async () => {
      const big = Buffer.from(JSON.stringify({ pad: 'x'.repeat(5 * 1024) }));
      const res = await t.http
        .post('/test/raw')
        .set('Content-Type', 'application/json')
        .serialize(asIs)
        .send(big)
        .expect(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses a type the route does not accept with 415, and a broken body with 400', async () => {
      const plain = await t.http.post('/test/raw').set('Content-Type', 'text/plain').send('a=1').expect(415);
      expect(plain.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const xmlToJsonRoute = await t.http
        .post('/test/raw')
        .set('Content-Type', 'text/xml')
        .send('<xml><a>1</a></xml>')
        .expect(415);
      expect(xmlToJsonRoute.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const broken = await t.http.post('/test/raw').set('Content-Type', 'application/json').send('{"a":').expect(400);
      expect(broken.body.error.code).toBe('VALIDATION_FAILED');
      const notUtf8 = await t.http
        .post('/test/raw')
        .set('Content-Type', 'application/json')
        .serialize(asIs)
        .send(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))
        .expect(400);
      expect(notUtf8.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('leaves ordinary JSON routes as they were', async () => {
      const res = await t.http
        .post('/api/v1/auth/wechat-login')
        .set('Content-Type', 'application/json')
        .send('{"code": ')
        .expect(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求体：不是有效的 JSON' });
    });
  });

  describe('XML bodies', () => {
    const message =
      '<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[o-holder]]></FromUserName>' +
      '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
      '<Content><![CDATA[优待证 <怎么> 办 & 领]]></Content><MsgId>23456789012345678901</MsgId></xml>';

    it('parses a flat WeChat message into a plain object, numbers kept as text', async () => {
      const res = await t.http.post('/test/message').set('Content-Type', 'text/xml').send(message).expect(200);
      expect(res.body.message).toEqual({
        ToUserName: 'gh_abc',
        FromUserName: 'o-holder',
        CreateTime: '1700000000',
        MsgType: 'text',
        Content: '优待证 <怎么> 办 & 领',
        MsgId: '23456789012345678901',
      });
    });

    it('accepts the same message as JSON on a route that takes both', async () => {
      const json = {
        ToUserName: 'gh_abc',
        FromUserName: 'o',
        CreateTime: '1',
        MsgType: 'text',
        Content: 'hi',
        MsgId: '1',
      };
      const res = await t.http.post('/test/message').send(json).expect(200);
      expect(res.body.message).toEqual(json);
    });

    it('validates the parsed XML with the route’s schema', async () => {
      const res = await t.http
        .post('/test/message')
        .set('Content-Type', 'application/xml')
        .send('<xml><ToUserName>x</ToUserName></xml>')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      [
        'a DOCTYPE with an entity',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>',
      ],
      ['an external entity', '<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml><Content>x</Content></xml>'],
      ['an unknown entity', '<xml><Content>&a;</Content></xml>'],
      ['a tag left open', '<xml><Content>x</xml>'],
    ])('refuses %s with 400', async (_what, xml) => {
      const res = await t.http.post('/test/message').set('Content-Type', 'text/xml').send(xml).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('a route’s own error format', () => {
    it('answers an application error as { code, message } with its status, logging the error’s own code', async () => {
      const res = await t.http.post('/test/pay-notify').send({ id: 'n1', fail: 'app' }).expect(400);
      expect(res.body).toEqual({ code: 'FAIL', message: '签名错误' });
      const line = t.logs
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.msg === 'request' && l.requestId === res.headers['x-request-id']);
      expect(line).toMatchObject({ route: '/test/pay-notify', status: 400, errorCode: 'SIGN_INVALID' });
    });

    it('answers validation and body-reading failures in the same shape', async () => {
      const invalid = await t.http.post('/test/pay-notify').send({ nope: 1 }).expect(400);
      expect(invalid.body).toEqual({ code: 'FAIL', message: expect.any(String) });
      const broken = await t.http
        .post('/test/pay-notify')
        .set('Content-Type', 'application/json')
        .send('{')
        .expect(400);
      expect(Object.keys(broken.body).sort()).toEqual(['code', 'message']);
    });

    it('answers an unexpected failure with 500 in that shape, logged with the request id', async () => {
      const res = await t.http.post('/test/pay-notify').send({ id: 'n2', fail: 'crash' }).expect(500);
      const requestId = res.headers['x-request-id'];
      expect(res.body).toEqual({ code: 'FAIL', message: expect.stringContaining(requestId) });
      expect(JSON.stringify(res.body)).not.toContain('boom');
      expect(t.logs.some((l) => l.includes('"level":"error"') && l.includes(requestId) && l.includes('boom'))).toBe(
        true,
      );
    });

    it('answers success as declared', async () => {
      await t.http.post('/test/pay-notify').send({ id: 'n3' }).expect(204);
    });

    it('is published as the route’s error answer in the OpenAPI document', async () => {
      const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
      const op = doc.paths['/test/pay-notify'].post;
      expect(op.responses.default.content['application/json'].schema).toMatchObject({ required: ['code', 'message'] });
      const message = doc.paths['/test/message'].post;
      expect(Object.keys(message.requestBody.content)).toEqual(['application/xml', 'text/xml', 'application/json']);
    });
  });

  describe('long waits', () => {
    it('end at once when the client goes away', async () => {
      seen.waits.length = 0;
      const entered = nextWaitEntered();
      const gone = t.http
        .get('/test/wait')
        .timeout(1000)
        .then(
          () => 'answered',
          (err: Error) => err.message,
        );
      await Promise.race([entered, gone]);
      expect(await gone).toMatch(/timeout/i);
      const deadline = Date.now() + 2000;
      while (seen.waits.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(seen.waits).toEqual([{ outcome: 'aborted', reason: 'client_gone' }]);
    });

    it('end early and cleanly when the process starts draining', async () => {
      seen.waits.length = 0;
      const entered = nextWaitEntered();
      const started = Date.now();
      const settled = t.http.get('/test/wait').then((r) => r);
      await entered;
      drain.abort();
      const res = await settled;
      const took = Date.now() - started;
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], outcome: 'aborted' });
      expect(res.headers.connection).toBe('close');
      expect(took).toBeLessThan(2000);
      expect(seen.waits).toEqual([{ outcome: 'aborted', reason: 'draining' }]);

      // A request arriving while the process drains does not wait at all.
      const late = await t.http.get('/test/wait').expect(200);
      expect(late.body.outcome).toBe('aborted');
      await t.http.get('/api/v1/ready').expect(503);
    });
  });
});

describe('longWait', () => {
  it('says which came first: a wake-up, the time, or the signal; and unsubscribes every time', async () => {
    const controller = new AbortController();
    let subscribed = 0;
    const subscribe = (wake: () => void) => {
      subscribed += 1;
      const timer = setTimeout(wake, 10);
      return () => {
        subscribed -= 1;
        clearTimeout(timer);
      };
    };
    await expect(longWait(controller.signal, 5_000, subscribe)).resolves.toBe('woken');
    expect(subscribed).toBe(0);
    await expect(longWait(controller.signal, 5, () => () => undefined)).resolves.toBe('timeout');
    const waiting = longWait(controller.signal, 5_000, (wake) => () => void wake);
    controller.abort();
    await expect(waiting).resolves.toBe('aborted');
    await expect(longWait(controller.signal, 5_000)).resolves.toBe('aborted');
  });
});

describe('response check (tests only)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ extraRoutes: edgeRoutes });
  });
  afterAll(() => t.close());

  it('reports a body of the wrong type, leaving the answer as it was', async () => {
    const res = await t.http.get('/test/wrong-shape?as=type').expect(200);
    expect(res.body).toEqual({ id: 'seven' });
    const [mismatch, ...more] = takeResponseMismatches();
    expect(more).toEqual([]);
    expect(mismatch).toMatchObject({ method: 'GET', route: '/test/wrong-shape', status: 200 });
    expect(mismatch.problems).toEqual([expect.stringMatching(/^id: .*\(invalid_type\)$/)]);
  });

  it('reports a field the schema does not declare', async () => {
    await t.http.get('/test/wrong-shape?as=extra').expect(200);
    expect(takeResponseMismatches()[0].problems).toEqual(['secret: not declared in the response schema']);
  });

  it('reports a status the route does not declare', async () => {
    await t.http.get('/test/wrong-shape?as=status').expect(202);
    expect(takeResponseMismatches()[0].problems).toEqual([expect.stringContaining('status 202 is not declared')]);
  });

  it('checks error answers against the common error shape', async () => {
    await t.http.get('/test/wrong-shape?as=error').expect(400);
    const [mismatch] = takeResponseMismatches();
    expect(mismatch.status).toBe(400);
    expect(mismatch.problems.join('\n')).toContain('error');
  });

  it('finds nothing to report on answers that match', async () => {
    await t.http.get('/api/v1/health').expect(200);
    await t.http.get('/api/v1/me').expect(401);
    await t.http.get('/api/v1/nowhere').expect(404);
    expect(takeResponseMismatches()).toEqual([]);
  });
});
