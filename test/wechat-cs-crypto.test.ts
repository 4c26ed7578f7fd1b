import crypto from 'node:crypto';
import {
  CsCryptoError,
  type CsRejectReason,
  CustomerServiceCrypto,
  decodeEncodingAesKey,
  decryptCsMessage,
  encryptCsMessage,
  signatureMatches,
  wechatSignature,
} from '../server/integrations/wechat/cs-crypto';
import { parseCsPush, quoteUnsafeIntegers } from '../server/integrations/wechat/cs-push';
import { FakeClock } from '../server/lib/clock';
import {
  aesKeyOf,
  pushJson,
  rawEncrypt,
  signParts,
  WeChatPushBuilder,
  weChatDecrypt,
  weChatEncrypt,
} from './fakes/wechat-push';

/**
 * A push built outside Node altogether: the key decoded by coreutils `base64 -d`, the plaintext
 * laid out with printf, encrypted by `openssl enc -aes-256-cbc -nopad`, signed with `sort | sha1sum`.
 * The plaintext is 239 bytes, so the padding is 17 bytes: more than one AES block, which
 * OpenSSL's own PKCS#7 check would refuse and WeChat's 32-byte padding produces.
 */
const VECTOR = {
  token: 'RongyouCsToken2027',
  encodingAesKey: 'Rongyou2027CsVectorKeyBuiltWithOpensslOnly0',
  keyHex: '4689e0ca8bb6d36ec2b1579cb68aca7b206e8a5b568ad84ea5e9ecb253a7972d',
  appId: 'wx5f3c2a1b0d9e8f76',
  random: Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'),
  timestamp: '1773106200',
  nonce: '1320562132',
  message:
    '{"ToUserName":"gh_0a1b2c3d4e5f","FromUserName":"oVet_vector_openid_0001","CreateTime":1773106200,' +
    '"MsgType":"text","Content":"你好，我想问优待证丢了怎么补领？","MsgId":24613576802397415}',
  encrypt:
    '8PK883+IxC20LlateUKOfEcSnF3fQNEqDLqA0pz15mctfzY7HQwPVEP62kkE+hgFOeNL6uIiOjkrEcNmvLRz5daZpMQPc32yct39LnHxqzYwG0zm' +
    'Q2xQgE8uv0jApgMXBWSx5LnpQBjPET+kysheIJ32cnLp84GaNHa/TY4ie470ljyDJ0OaCVO5Xg9xjF1djVBGeBI5jL6J203vHLM9MOttMFq6ERUp' +
    'r79x5nA+3qOEnYQYw/6Wjg4UnlLvOYw1MfIY3L7Z2qYhKMGs119DYcod0MSEOM0C5L0YoHciuo4H/0r+ulvpg3jKIWuMqIQ58uhEfWuwKzDky73F' +
    'PKd2xw==',
  msgSignature: '1f5e99e64e5457ec6b1aff9ae749a52eeed85371',
  urlSignature: 'e5c240ee9ecf7123f334f305a4ce3eb1fa558c5a',
};

const KEY_A = 'Ab3dE5gH7jK9mN1pQ3sT5vW7yZ0bC2eF4hJ6kL8nP0r';
const KEY_B = 'Zy9xW8vU7tS6rQ5pO4nM3lK2jI1hG0fE9dC8bA7zY6x';
const KEY_C = 'Qq1Ww2Ee3Rr4Tt5Yy6Uu7Ii8Oo9Pp0Aa1Ss2Dd3Ff4G';
const TOKEN = 'RongyouTestToken';
const APP_ID = 'wx-test-app-0001';

const clockAt = (seconds: string) => new FakeClock(new Date(Number(seconds) * 1000 + 30_000));
const seconds = (clock: FakeClock, offsetSeconds = 0) =>
  String(Math.floor(clock.now().getTime() / 1000) + offsetSeconds);

function reasonOf(fn: () => unknown): CsRejectReason | string {
  try {
    fn();
    return 'accepted';
  } catch (err) {
    return err instanceof CsCryptoError ? err.reason : `unexpected: ${err}`;
  }
}

const textPush = (content: string, msgId = 24613576802397415n, openid = 'o-holder-1') =>
  pushJson({
    ToUserName: 'gh_0a1b2c3d4e5f',
    FromUserName: openid,
    CreateTime: 1773106200,
    MsgType: 'text',
    Content: content,
    MsgId: msgId,
  });

describe('customer-service 安全模式 against vectors made with openssl', () => {
  const key = () => decodeEncodingAesKey(VECTOR.encodingAesKey);

  it('decodes the EncodingAESKey as coreutils base64 does', () => {
    expect(key().toString('hex')).toBe(VECTOR.keyHex);
  });

  it('decrypts the vector to its message and appid', () => {
    expect(decryptCsMessage(key(), VECTOR.encrypt)).toEqual({ message: VECTOR.message, appId: VECTOR.appId });
  });

  it('encrypts to exactly the vector with the same random bytes', () => {
    expect(encryptCsMessage(key(), VECTOR.message, VECTOR.appId, VECTOR.random)).toBe(VECTOR.encrypt);
  });

  it('signs as sha1sum over the sorted parts did', () => {
    expect(wechatSignature([VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt])).toBe(VECTOR.msgSignature);
    expect(wechatSignature([VECTOR.token, VECTOR.timestamp, VECTOR.nonce])).toBe(VECTOR.urlSignature);
    expect(signParts(VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt)).toBe(VECTOR.msgSignature);
  });

  it('opens the vector as a push and keeps its 64-bit MsgId exact', () => {
    const cs = new CustomerServiceCrypto(
      { token: VECTOR.token, appId: VECTOR.appId, encodingAesKey: VECTOR.encodingAesKey },
      clockAt(VECTOR.timestamp),
    );
    const query = {
      signature: VECTOR.urlSignature,
      timestamp: VECTOR.timestamp,
      nonce: VECTOR.nonce,
      encrypt_type: 'aes',
      msg_signature: VECTOR.msgSignature,
    };
    const body = JSON.stringify({ ToUserName: 'gh_0a1b2c3d4e5f', Encrypt: VECTOR.encrypt });
    const message = cs.openPush(query, body);
    expect(message).toBe(VECTOR.message);
    const push = parseCsPush(message);
    expect(push).toEqual({
      kind: 'text',
      openid: 'oVet_vector_openid_0001',
      createTime: 1773106200,
      msgId: '24613576802397415',
      content: '你好，我想问优待证丢了怎么补领？',
      dedupeKey: 'msg:24613576802397415',
    });
    // What a plain JSON.parse would have made of it.
    expect(String(JSON.parse(VECTOR.message).MsgId)).not.toBe('24613576802397415');
  });

  it('seals what the independent implementation opens, signed over the ciphertext', () => {
    const clock = clockAt(VECTOR.timestamp);
    const cs = new CustomerServiceCrypto(
      { token: VECTOR.token, appId: VECTOR.appId, encodingAesKey: VECTOR.encodingAesKey },
      clock,
    );
    const sealed = cs.seal(VECTOR.message, { timestamp: VECTOR.timestamp, nonce: VECTOR.nonce, random: VECTOR.random });
    expect(sealed).toEqual({
      Encrypt: VECTOR.encrypt,
      MsgSignature: VECTOR.msgSignature,
      TimeStamp: VECTOR.timestamp,
      Nonce: VECTOR.nonce,
    });
    const fresh = cs.seal('{"MsgType":"text"}');
    expect(weChatDecrypt(VECTOR.encodingAesKey, fresh.Encrypt)).toMatchObject({
      message: '{"MsgType":"text"}',
      appId: VECTOR.appId,
    });
    expect(fresh.TimeStamp).toBe(seconds(clock));
    expect(fresh.MsgSignature).toBe(signParts(VECTOR.token, fresh.TimeStamp, fresh.Nonce, fresh.Encrypt));
  });
});

describe('customer-service 安全模式 round trips', () => {
  const clock = new FakeClock('2027-03-10T01:30:00Z');
  const cs = new CustomerServiceCrypto({ token: TOKEN, appId: APP_ID, encodingAesKey: KEY_A }, clock);
  const wechat = new WeChatPushBuilder(TOKEN, APP_ID, KEY_A);

  it('opens pushes of every padding length, including a whole extra block of 32', () => {
    const lengths = new Set<number>();
    for (let n = 0; n < 70; n++) {
      const message = textPush('优'.repeat(n % 7) + 'x'.repeat(n));
      const { query, body } = wechat.push(message, { timestamp: seconds(clock) });
      expect(cs.openPush(query, body)).toBe(message);
      lengths.add(32 - ((20 + Buffer.byteLength(message) + APP_ID.length) % 32));
    }
    // Every padding length 1..32 occurred (32 when the plaintext filled its blocks exactly).
    expect([...lengths].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('round-trips its own seal and the independent one both ways', () => {
    const message = textPush('请问法律援助怎么预约');
    const sealed = cs.seal(message);
    expect(decryptCsMessage(aesKeyOf(KEY_A), sealed.Encrypt).message).toBe(message);
    expect(weChatDecrypt(KEY_A, sealed.Encrypt).message).toBe(message);
    expect(decryptCsMessage(aesKeyOf(KEY_A), weChatEncrypt(KEY_A, message, APP_ID)).message).toBe(message);
  });

  it('uses fresh random bytes for every message', () => {
    const a = cs.seal('same');
    const b = cs.seal('same');
    expect(a.Encrypt).not.toBe(b.Encrypt);
    expect(weChatDecrypt(KEY_A, a.Encrypt).random.equals(weChatDecrypt(KEY_A, b.Encrypt).random)).toBe(false);
  });

  it('answers URL verification in safe mode with the echostr as it came', () => {
    expect(cs.verifyUrl(wechat.urlVerification('echo-9f8e7d', { timestamp: seconds(clock) }))).toBe('echo-9f8e7d');
  });
});

describe('customer-service pushes refused', () => {
  const clock = new FakeClock('2027-03-10T01:30:00Z');
  const cs = new CustomerServiceCrypto({ token: TOKEN, appId: APP_ID, encodingAesKey: KEY_A }, clock);
  const wechat = new WeChatPushBuilder(TOKEN, APP_ID, KEY_A);
  const message = textPush('我的优待证申请到哪一步了');
  const open = (p: { query: Record<string, string | string[]>; body: string }) => () => cs.openPush(p.query, p.body);

  /** Random ‖ length ‖ message ‖ appid, then these bytes as the "padding", encrypted with KEY_A. */
  function withTail(tail: (unpaddedLength: number) => number[], lengthField?: number): string {
    const msg = Buffer.from(message);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(lengthField ?? msg.length);
    const unpadded = Buffer.concat([crypto.randomBytes(16), length, msg, Buffer.from(APP_ID)]);
    return rawEncrypt(aesKeyOf(KEY_A), Buffer.concat([unpadded, Buffer.from(tail(unpadded.length))]));
  }
  const fill = (n: number) => 32 - (n % 32);

  it('accepts the well-formed push the cases below spoil', () => {
    expect(reasonOf(open(wechat.push(message, { timestamp: seconds(clock) })))).toBe('accepted');
    const good = withTail((n) => Array(fill(n)).fill(fill(n)));
    expect(reasonOf(open(wechat.pushCiphertext(good, { timestamp: seconds(clock) })))).toBe('accepted');
  });

  it('refuses a bad signature: tampered, over another ciphertext, or made with another token', () => {
    const p = wechat.push(message, { timestamp: seconds(clock) });
    const flipped = p.query.msg_signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(reasonOf(open({ ...p, query: { ...p.query, msg_signature: flipped } }))).toBe('bad_signature');
    expect(reasonOf(open({ ...p, query: { ...p.query, msg_signature: `${p.query.msg_signature}0` } }))).toBe(
      'bad_signature',
    );
    const other = wechat.push(textPush('另一条'), { timestamp: p.query.timestamp, nonce: p.query.nonce });
    expect(reasonOf(open({ query: p.query, body: other.body }))).toBe('bad_signature');
    expect(reasonOf(open(wechat.push(message, { timestamp: seconds(clock), token: 'SomeoneElsesToken' })))).toBe(
      'bad_signature',
    );
    // The plaintext `signature` alone proves nothing about the body in safe mode.
    const { msg_signature: _dropped, ...withoutMsgSignature } = p.query;
    expect(reasonOf(open({ ...p, query: withoutMsgSignature }))).toBe('missing_params');
  });

  it('compares signatures in constant time', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      expect(signatureMatches('a'.repeat(40), 'a'.repeat(40))).toBe(true);
      expect(signatureMatches('a'.repeat(40), 'b'.repeat(40))).toBe(false);
      expect(spy).toHaveBeenCalledTimes(2);
      expect(signatureMatches('a'.repeat(39), 'a'.repeat(40))).toBe(false);
      expect(signatureMatches('', 'a'.repeat(40))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a push encrypted for another appid', () => {
    const p = wechat.push(message, { timestamp: seconds(clock), appId: 'wx-someone-else' });
    expect(reasonOf(open(p))).toBe('wrong_appid');
  });

  it('refuses timestamps more than five minutes old or ahead, and accepts four minutes either way', () => {
    expect(reasonOf(open(wechat.push(message, { timestamp: seconds(clock, -301) })))).toBe('stale_timestamp');
    expect(reasonOf(open(wechat.push(message, { timestamp: seconds(clock, 301) })))).toBe('stale_timestamp');
    expect(reasonOf(open(wechat.push(message, { timestamp: seconds(clock, -240) })))).toBe('accepted');
    expect(reasonOf(open(wechat.push(message, { timestamp: seconds(clock, 240) })))).toBe('accepted');
    expect(reasonOf(open(wechat.push(message, { timestamp: 'yesterday' })))).toBe('missing_params');
    const strict = new CustomerServiceCrypto(
      { token: TOKEN, appId: APP_ID, encodingAesKey: KEY_A, maxSkewSeconds: 60 },
      clock,
    );
    const p = wechat.push(message, { timestamp: seconds(clock, -90) });
    expect(reasonOf(() => strict.openPush(p.query, p.body))).toBe('stale_timestamp');
  });

  it('refuses bad padding: zero, beyond 32, or bytes that disagree', () => {
    // The message is chosen so its padding is longer than one byte and can disagree with itself.
    const unpaddedLength = 20 + Buffer.byteLength(message) + APP_ID.length;
    expect(fill(unpaddedLength)).toBeGreaterThan(2);
    const disagreeing = (n: number, at: number) => {
      const tail = Array(fill(n)).fill(fill(n));
      tail[at] = fill(n) + 1;
      return tail;
    };
    const cases = [
      withTail((n) => [...Array(fill(n) - 1).fill(7), 0]),
      withTail((n) => Array(fill(n) + 32).fill(33)),
      withTail((n) => disagreeing(n, 0)),
      withTail((n) => disagreeing(n, fill(n) - 2)),
    ];
    for (const encrypted of cases) {
      const p = wechat.pushCiphertext(encrypted, { timestamp: seconds(clock) });
      expect(reasonOf(open(p))).toBe('bad_padding');
    }
  });

  it('refuses a length field beyond the plaintext', () => {
    const encrypted = withTail((n) => Array(fill(n)).fill(fill(n)), 100_000);
    expect(reasonOf(open(wechat.pushCiphertext(encrypted, { timestamp: seconds(clock) })))).toBe('bad_length');
  });

  it('refuses text that is not UTF-8', () => {
    const msg = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const head = Buffer.concat([crypto.randomBytes(16), Buffer.from([0, 0, 0, msg.length])]);
    const unpadded = Buffer.concat([head, msg, Buffer.from(APP_ID)]);
    const pad = fill(unpadded.length);
    const encrypted = rawEncrypt(aesKeyOf(KEY_A), Buffer.concat([unpadded, Buffer.alloc(pad, pad)]));
    expect(reasonOf(open(wechat.pushCiphertext(encrypted, { timestamp: seconds(clock) })))).toBe('bad_encoding');
  });

  it('refuses truncated and broken ciphertexts', () => {
    const whole = Buffer.from(weChatEncrypt(KEY_A, message, APP_ID), 'base64');
    const minusBlock = whole.subarray(0, whole.length - 16).toString('base64');
    const minusTwoBlocks = whole.subarray(0, whole.length - 32).toString('base64');
    const partialBlock = whole.subarray(0, whole.length - 5).toString('base64');
    const results = [minusBlock, minusTwoBlocks].map((e) =>
      reasonOf(open(wechat.pushCiphertext(e, { timestamp: seconds(clock) }))),
    );
    for (const r of results) expect(['bad_padding', 'bad_length', 'wrong_appid', 'bad_encoding']).toContain(r);
    expect(reasonOf(open(wechat.pushCiphertext(partialBlock, { timestamp: seconds(clock) })))).toBe('bad_ciphertext');
    expect(reasonOf(open(wechat.pushCiphertext('not base64!', { timestamp: seconds(clock) })))).toBe('bad_ciphertext');
    const empty = wechat.pushCiphertext('', { timestamp: seconds(clock) });
    expect(reasonOf(open(empty))).toBe('bad_body');
  });

  it('refuses a plaintext body, a body that is not JSON, and repeated parameters on a safe-mode endpoint', () => {
    const plain = new WeChatPushBuilder(TOKEN, APP_ID).push(message, { timestamp: seconds(clock) });
    expect(reasonOf(open(plain))).toBe('not_encrypted');
    const p = wechat.push(message, { timestamp: seconds(clock) });
    expect(reasonOf(open({ ...p, body: '<xml><Encrypt>x</Encrypt></xml>' }))).toBe('bad_body');
    expect(reasonOf(open({ ...p, query: { ...p.query, timestamp: [p.query.timestamp, p.query.timestamp] } }))).toBe(
      'missing_params',
    );
  });
});

describe('customer-service key change', () => {
  const clock = new FakeClock('2027-03-10T01:30:00Z');
  const message = textPush('换密钥期间的消息');

  it('accepts pushes under the previous key until it is removed, and seals with the new one', () => {
    const changing = new CustomerServiceCrypto(
      { token: TOKEN, appId: APP_ID, encodingAesKey: KEY_B, previousEncodingAesKey: KEY_A },
      clock,
    );
    const underOld = new WeChatPushBuilder(TOKEN, APP_ID, KEY_A).push(message, { timestamp: seconds(clock) });
    const underNew = new WeChatPushBuilder(TOKEN, APP_ID, KEY_B).push(message, { timestamp: seconds(clock) });
    const underOther = new WeChatPushBuilder(TOKEN, APP_ID, KEY_C).push(message, { timestamp: seconds(clock) });
    expect(changing.openPush(underOld.query, underOld.body)).toBe(message);
    expect(changing.openPush(underNew.query, underNew.body)).toBe(message);
    expect(reasonOf(() => changing.openPush(underOther.query, underOther.body))).not.toBe('accepted');
    expect(weChatDecrypt(KEY_B, changing.seal(message).Encrypt).message).toBe(message);

    const changed = new CustomerServiceCrypto({ token: TOKEN, appId: APP_ID, encodingAesKey: KEY_B }, clock);
    expect(reasonOf(() => changed.openPush(underOld.query, underOld.body))).not.toBe('accepted');
  });

  it('refuses to start with a previous key alone, a malformed key, or safe mode without an appid', () => {
    expect(
      () => new CustomerServiceCrypto({ token: TOKEN, appId: APP_ID, previousEncodingAesKey: KEY_A }, clock),
    ).toThrow(/previous/);
    expect(() => new CustomerServiceCrypto({ token: TOKEN, appId: APP_ID, encodingAesKey: 'short' }, clock)).toThrow(
      /43/,
    );
    expect(() => new CustomerServiceCrypto({ token: TOKEN, encodingAesKey: KEY_A }, clock)).toThrow(/appid/);
  });
});

describe('customer-service plaintext mode', () => {
  const clock = new FakeClock('2027-03-10T01:30:00Z');
  const cs = new CustomerServiceCrypto({ token: TOKEN }, clock);
  const wechat = new WeChatPushBuilder(TOKEN, APP_ID);

  it('is the mode without an EncodingAESKey', () => {
    expect(cs.mode).toBe('plaintext');
    expect(new CustomerServiceCrypto({ token: TOKEN, appId: APP_ID, encodingAesKey: KEY_A }, clock).mode).toBe('aes');
    expect(() => cs.seal('x')).toThrow();
  });

  it('answers URL verification with the echostr, and refuses a wrong signature or an old timestamp', () => {
    const ok = wechat.urlVerification('1234567890123456789', { timestamp: seconds(clock) });
    expect(cs.verifyUrl(ok)).toBe('1234567890123456789');
    const vector = new CustomerServiceCrypto({ token: VECTOR.token }, clockAt(VECTOR.timestamp));
    expect(
      vector.verifyUrl({
        signature: VECTOR.urlSignature,
        timestamp: VECTOR.timestamp,
        nonce: VECTOR.nonce,
        echostr: 'vector-echo',
      }),
    ).toBe('vector-echo');
    const wrongToken = wechat.urlVerification('x', { timestamp: seconds(clock), token: 'NotOurToken' });
    expect(reasonOf(() => cs.verifyUrl(wrongToken))).toBe('bad_signature');
    const old = wechat.urlVerification('x', { timestamp: seconds(clock, -3600) });
    expect(reasonOf(() => cs.verifyUrl(old))).toBe('stale_timestamp');
    const { echostr: _e, ...noEcho } = ok;
    expect(reasonOf(() => cs.verifyUrl(noEcho))).toBe('missing_params');
  });

  it('takes a signed plaintext push as it came, and refuses an unsigned or stale one', () => {
    const message = textPush('明文模式');
    const p = wechat.push(message, { timestamp: seconds(clock) });
    expect(cs.openPush(p.query, p.body)).toBe(message);
    expect(reasonOf(() => cs.openPush({ ...p.query, signature: '0'.repeat(40) }, p.body))).toBe('bad_signature');
    const { signature: _s, ...unsigned } = p.query;
    expect(reasonOf(() => cs.openPush(unsigned, p.body))).toBe('missing_params');
    const stale = wechat.push(message, { timestamp: seconds(clock, -400) });
    expect(reasonOf(() => cs.openPush(stale.query, stale.body))).toBe('stale_timestamp');
  });
});

describe('customer-service push parsing', () => {
  const base = { ToUserName: 'gh_0a1b2c3d4e5f', FromUserName: 'o-holder-7', CreateTime: 1773106200 };

  it('reads text with its 64-bit MsgId as a string, whether WeChat wrote it bare or quoted', () => {
    const bare = parseCsPush(pushJson({ ...base, MsgType: 'text', Content: '你好', MsgId: 18446744073709551615n }));
    expect(bare).toMatchObject({ kind: 'text', msgId: '18446744073709551615', dedupeKey: 'msg:18446744073709551615' });
    const quoted = parseCsPush(pushJson({ ...base, MsgType: 'text', Content: '你好', MsgId: '24613576802397415' }));
    expect(quoted).toMatchObject({ kind: 'text', msgId: '24613576802397415' });
    const small = parseCsPush(pushJson({ ...base, MsgType: 'text', Content: '你好', MsgId: 12345 }));
    expect(small).toMatchObject({ kind: 'text', msgId: '12345' });
  });

  it('leaves digits inside strings alone', () => {
    const content = '编号 12345678901234567890 "MsgId":98765432109876543210 \\ 结束';
    const push = parseCsPush(pushJson({ ...base, MsgType: 'text', Content: content, MsgId: 24613576802397415n }));
    expect(push).toMatchObject({ kind: 'text', content, msgId: '24613576802397415' });
    expect(quoteUnsafeIntegers('{"a":1.5e3,"b":-12,"c":90071992547409931}')).toBe(
      '{"a":1.5e3,"b":-12,"c":"90071992547409931"}',
    );
  });

  it('reads images, mini-program cards and the enter-session event', () => {
    expect(
      parseCsPush(
        pushJson({
          ...base,
          MsgType: 'image',
          PicUrl: 'https://mmbiz.example/p',
          MediaId: 'media-1',
          MsgId: 9007199254740993n,
        }),
      ),
    ).toEqual({
      kind: 'image',
      openid: 'o-holder-7',
      createTime: 1773106200,
      msgId: '9007199254740993',
      picUrl: 'https://mmbiz.example/p',
      mediaId: 'media-1',
      dedupeKey: 'msg:9007199254740993',
    });
    expect(
      parseCsPush(
        pushJson({
          ...base,
          MsgType: 'miniprogrampage',
          MsgId: 9007199254740995n,
          Title: '优待证申请',
          AppId: 'wx5f3c2a1b0d9e8f76',
          PagePath: 'packages/cards/pages/apply/apply?id=7',
          ThumbUrl: '',
          ThumbMediaId: 'thumb-1',
        }),
      ),
    ).toEqual({
      kind: 'miniprogrampage',
      openid: 'o-holder-7',
      createTime: 1773106200,
      msgId: '9007199254740995',
      title: '优待证申请',
      pagePath: 'packages/cards/pages/apply/apply?id=7',
      thumbMediaId: 'thumb-1',
      appId: 'wx5f3c2a1b0d9e8f76',
      dedupeKey: 'msg:9007199254740995',
    });
    const enter = pushJson({ ...base, MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: 'chat' });
    expect(parseCsPush(enter)).toEqual({
      kind: 'enter_session',
      openid: 'o-holder-7',
      createTime: 1773106200,
      sessionFrom: 'chat',
      dedupeKey: 'event:o-holder-7:1773106200:user_enter_tempsession',
    });
  });

  it('gives a retried push the same key and different pushes different keys', () => {
    const enter = pushJson({ ...base, MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: 'chat' });
    const keyOf = (json: string) => (parseCsPush(json) as { dedupeKey: string }).dedupeKey;
    expect(keyOf(enter)).toBe(keyOf(enter));
    expect(keyOf(enter)).not.toBe(
      keyOf(pushJson({ ...base, CreateTime: 1773106201, MsgType: 'event', Event: 'user_enter_tempsession' })),
    );
    expect(keyOf(textPush('a', 24613576802397415n))).not.toBe(keyOf(textPush('a', 24613576802397416n)));
  });

  it('reports unknown types and events as unsupported, and broken payloads as malformed, without throwing', () => {
    expect(parseCsPush(pushJson({ ...base, MsgType: 'voice', MediaId: 'm', MsgId: 5n }))).toEqual({
      kind: 'unsupported',
      msgType: 'voice',
      openid: 'o-holder-7',
      dedupeKey: 'msg:5',
    });
    expect(parseCsPush(pushJson({ ...base, MsgType: 'event', Event: 'kf_close_session' }))).toEqual({
      kind: 'unsupported',
      msgType: 'event',
      event: 'kf_close_session',
      openid: 'o-holder-7',
      dedupeKey: 'event:o-holder-7:1773106200:kf_close_session',
    });
    expect(parseCsPush('not json')).toEqual({ kind: 'malformed', problem: 'not JSON' });
    expect(parseCsPush('[1]').kind).toBe('malformed');
    expect(parseCsPush('{}')).toEqual({ kind: 'malformed', problem: 'MsgType missing' });
    const noContent = parseCsPush(pushJson({ ...base, MsgType: 'text', MsgId: 1n }));
    expect(noContent.kind).toBe('malformed');
    const secret = '我的身份证号是110101198001010011';
    const badId = parseCsPush(pushJson({ ...base, MsgType: 'text', Content: secret, MsgId: 'abc' }));
    expect(badId.kind).toBe('malformed');
    expect(JSON.stringify(badId)).not.toContain('110101');
  });
});
