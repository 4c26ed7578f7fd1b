import { runJob } from '../server/jobs/job';
import { ChatConversation } from '../server/modules/chat/chat-conversation.entity';
import { ChatMessage } from '../server/modules/chat/chat-message.entity';
import { CS_IMAGE_LOST_MESSAGE, CS_IMAGE_MESSAGE, CS_IMAGE_TEXT } from '../server/modules/chat/cs-inbound.service';
import { ChatChannelPush } from '../server/modules/chat/cs-push.entity';
import { csPushesJob } from '../server/modules/chat/cs-pushes.job';
import { FileUse } from '../server/modules/files/file-use.entity';
import { StoredFile } from '../server/modules/files/stored-file.entity';
import type { FakeWeChatServer } from './fakes/fake-wechat';
import { pushJson, WeChatPushBuilder, type BuiltPush } from './fakes/wechat-push';
import type { TestContext } from './helpers/context';
import { createBureau } from './helpers/cards';
import { makeJpeg, type Session, unique } from './helpers/factories';
import { createLiveContext, loginLiveHolder } from './helpers/live-wechat';

const PATH = '/api/v1/wechat/customer-service';
const TOKEN = 'RongyouCsImages2027';
/** 43 letters and digits, as the console makes them. */
const AES_KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg';

let msgSeq = 7312345678900000001n;
/** A fresh 64-bit MsgId, as WeChat numbers its messages. */
const nextMsgId = () => {
  msgSeq += 2n;
  return msgSeq;
};
/** The lease a processing attempt holds a push for, after which the job may take it over. */
const LEASE_MS = 120_000;

const stamp = (t: TestContext) => String(Math.floor(t.clock.now().getTime() / 1000));

function imagePush(t: TestContext, openid: string, mediaId: string): string {
  return pushJson({
    ToUserName: 'gh_0a1b2c3d4e5f',
    FromUserName: openid,
    CreateTime: Number(stamp(t)),
    MsgType: 'image',
    PicUrl: 'https://mmbiz.example/pic',
    MediaId: mediaId,
    MsgId: nextMsgId(),
  });
}

async function post(t: TestContext, built: BuiltPush) {
  return t.http.post(PATH).query(built.query).set('content-type', 'application/json').send(built.body);
}

async function holderMessages(t: TestContext, accountId: number): Promise<ChatMessage[]> {
  const conversation = await t.container.db.manager.findOneBy(ChatConversation, { accountId });
  if (!conversation) return [];
  return t.container.db.manager.find(ChatMessage, {
    where: { conversationId: conversation.id, sender: 'holder' },
    order: { seq: 'ASC' },
  });
}

describe('pictures from WeChat’s customer-service chat', () => {
  let t: TestContext;
  let wx: FakeWeChatServer;
  let builder: WeChatPushBuilder;
  const personal = new Set<string>();

  beforeAll(async () => {
    ({ t, wx } = await createLiveContext({ env: { WECHAT_CS_TOKEN: TOKEN, WECHAT_CS_AES_KEY: AES_KEY } }));
    builder = new WeChatPushBuilder(TOKEN, wx.appId, AES_KEY);
  });
  afterAll(async () => {
    for (const line of t.logs) for (const value of personal) expect(line).not.toContain(value);
    await t.close();
  });

  async function holder(): Promise<{ openid: string; session: Session }> {
    const openid = unique('o-img-');
    personal.add(openid);
    const session = await loginLiveHolder(t, wx, openid);
    wx.userWrote(openid);
    return { openid, session };
  }

  const send = async (openid: string, mediaId: string) => {
    const res = await post(t, builder.push(imagePush(t, openid, mediaId), { timestamp: stamp(t) }));
    expect(res.text).toBe('success');
    await t.container.services.csInbound.idle();
  };

  it('keeps the picture as the holder’s private file, readable by them and the staff who claim the conversation', async () => {
    const { openid, session } = await holder();
    const bytes = makeJpeg({ width: 48, height: 32, size: 900 });
    const mediaId = unique('media-');
    wx.addMedia(mediaId, bytes);
    // Handed over first, so the conversation is in the district queue of the inbox.
    await post(
      t,
      builder.push(
        pushJson({
          ToUserName: 'gh_0a1b2c3d4e5f',
          FromUserName: openid,
          CreateTime: Number(stamp(t)),
          MsgType: 'text',
          Content: '转人工',
          MsgId: nextMsgId(),
        }),
        { timestamp: stamp(t) },
      ),
    );
    await t.container.services.csInbound.idle();
    await send(openid, mediaId);

    const [, picture] = await holderMessages(t, session.userId);
    expect(picture).toMatchObject({ text: CS_IMAGE_MESSAGE, channel: 'wechat_cs' });
    const file = await t.container.db.manager.findOneByOrFail(StoredFile, { id: picture.fileId! });
    expect(file).toMatchObject({
      ownerAccountId: session.userId,
      purpose: 'chat_image',
      mime: 'image/jpeg',
      size: bytes.length,
      width: 48,
      height: 32,
    });
    const uses = await t.container.db.manager.findBy(FileUse, { fileId: file.id });
    expect(uses.map((u) => [u.ownerType, u.ownerId])).toEqual([['chat_message', picture.id]]);
    // The media download used the access token, once.
    const gets = wx.requests.filter((r) => r.path === '/cgi-bin/media/get' && r.query.media_id === mediaId);
    expect(gets).toHaveLength(1);
    expect(gets[0].query.access_token).toBe(wx.currentToken);
    expect(wx.csSentTo(openid).map((m) => m.text?.content)).toContain(CS_IMAGE_TEXT);

    // The holder sees the file id on their own message and reads the bytes.
    const conv = await t.http.get('/api/v1/chat/conversation').set(session.auth).expect(200);
    expect(conv.body.items.find((m: { id: number }) => m.id === picture.id)).toMatchObject({ fileId: file.id });
    const own = await t.http.get(`/api/v1/files/${file.id}`).set(session.auth).expect(200);
    expect(Buffer.compare(own.body as Buffer, bytes)).toBe(0);

    const bureau = await createBureau(t);
    const conversation = await t.container.db.manager.findOneByOrFail(ChatConversation, {
      accountId: session.userId,
    });
    // Station staff do not see the district queue: neither the conversation nor the picture.
    await t.http.get(`/api/v1/files/${file.id}`).set(bureau.stationReviewer.auth).expect(404);
    await t.http
      .post(`/api/v1/staff/conversations/${conversation.id}/claim`)
      .set(bureau.districtReviewer.auth)
      .expect(200);
    const context = await t.http
      .get(`/api/v1/staff/conversations/${conversation.id}`)
      .set(bureau.districtReviewer.auth)
      .expect(200);
    const line = context.body.items.find((l: { id: number; internal: boolean }) => !l.internal && l.id === picture.id);
    expect(line).toMatchObject({ text: CS_IMAGE_MESSAGE, fileId: file.id });
    const staffRead = await t.http.get(`/api/v1/files/${file.id}`).set(bureau.districtReviewer.auth).expect(200);
    expect(Buffer.compare(staffRead.body as Buffer, bytes)).toBe(0);

    // Another holder: as if the file did not exist.
    const other = await holder();
    await t.http.get(`/api/v1/files/${file.id}`).set(other.session.auth).expect(404);
    await t.http.get(`/api/v1/files/${file.id}`).expect(401);
  });

  it('keeps the push when the download fails for now; the job’s retry writes one message with one file', async () => {
    const { openid, session } = await holder();
    const mediaId = unique('media-');
    wx.addMedia(mediaId, makeJpeg({ width: 20, height: 20, size: 500 }));
    wx.failNextOn('/cgi-bin/media/get', { status: 503 });
    await send(openid, mediaId);

    expect(await holderMessages(t, session.userId)).toHaveLength(0);
    const push = await t.container.db.manager.findOneOrFail(ChatChannelPush, { where: {}, order: { id: 'DESC' } });
    expect(push).toMatchObject({ status: 'pending', attempts: 1, lastError: 'CsMediaUnavailable' });
    expect(await t.container.db.manager.countBy(StoredFile, { ownerAccountId: session.userId })).toBe(0);

    // Within the lease the job leaves it; after, it takes it up.
    expect(await runJob(csPushesJob, t.container)).toMatchObject({ done: 0 });
    t.clock.advance(LEASE_MS + 1000);
    expect(await runJob(csPushesJob, t.container)).toMatchObject({ done: 1 });
    expect(await runJob(csPushesJob, t.container)).toMatchObject({ done: 0 });

    const messages = await holderMessages(t, session.userId);
    expect(messages.map((m) => m.text)).toEqual([CS_IMAGE_MESSAGE]);
    const files = await t.container.db.manager.findBy(StoredFile, { ownerAccountId: session.userId });
    expect(files.map((f) => f.id)).toEqual([messages[0].fileId]);
    expect(await t.container.db.manager.findOneByOrFail(ChatChannelPush, { id: push.id })).toMatchObject({
      status: 'done',
      messageId: messages[0].id,
    });
  });

  it('refuses bytes that are not a picture, media WeChat no longer has and media past the cap: [图片]（未能保存）, no file', async () => {
    const { openid, session } = await holder();
    const pdfId = unique('media-');
    // Declared a JPEG, but the bytes say otherwise: the type is judged from the bytes.
    wx.addMedia(pdfId, Buffer.from('%PDF-1.4\n% not a picture\n'), 'image/jpeg');
    await send(openid, pdfId);
    await send(openid, unique('gone-'));
    // Past the download cap (10 MB): not read on, not retried.
    const hugeId = unique('media-');
    const huge = Buffer.alloc(11 * 1024 * 1024, 0x20);
    makeJpeg({ width: 8, height: 8, size: 300 }).copy(huge);
    wx.addMedia(hugeId, huge);
    await send(openid, hugeId);

    const messages = await holderMessages(t, session.userId);
    expect(messages.map((m) => [m.text, m.fileId])).toEqual([
      [CS_IMAGE_LOST_MESSAGE, null],
      [CS_IMAGE_LOST_MESSAGE, null],
      [CS_IMAGE_LOST_MESSAGE, null],
    ]);
    const pushes = await t.container.db.manager.findBy(ChatChannelPush, { accountId: session.userId });
    expect(pushes.map((p) => p.status)).toEqual(['done', 'done', 'done']);
    expect(await t.container.db.manager.countBy(StoredFile, { ownerAccountId: session.userId })).toBe(0);
    const conv = await t.http.get('/api/v1/chat/conversation').set(session.auth).expect(200);
    const holderItems = conv.body.items.filter((m: { from: string }) => m.from === 'holder');
    expect(holderItems.every((m: { fileId?: number }) => m.fileId === undefined)).toBe(true);
  });

  it('retries the download once with a new access token when WeChat rejects the token', async () => {
    const { openid, session } = await holder();
    const mediaId = unique('media-');
    wx.addMedia(mediaId, makeJpeg({ width: 16, height: 16, size: 400 }));
    wx.revokeToken();
    await send(openid, mediaId);
    const gets = wx.requests.filter((r) => r.path === '/cgi-bin/media/get' && r.query.media_id === mediaId);
    expect(gets).toHaveLength(2);
    const [picture] = await holderMessages(t, session.userId);
    expect(picture).toMatchObject({ text: CS_IMAGE_MESSAGE });
    expect(picture.fileId).toEqual(expect.any(Number));
  });
});
