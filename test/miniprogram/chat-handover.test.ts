import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { timing } from '../../miniprogram/pages/index/conversation';
import { staffBackWords, statusView } from '../../miniprogram/pages/index/view';
import type {
  ChatMessage,
  ConversationState,
  HandoverAgent,
  HandoverQueue,
  HandoverRating,
} from '../../miniprogram/services/chat';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'pages/index/index'), { rootPath: root });

/**
 * The holder's side of a handover as the server keeps it: the conversation with its state, queue,
 * agent and rating; sending (the assistant hands over on 转人工, staff get the words otherwise);
 * the long poll (held open until a message is written); and the rating, taken once.
 */
class Server {
  messages: ChatMessage[] = [];
  state: ConversationState = 'bot';
  queue: HandoverQueue | null = null;
  agent: HandoverAgent | null = null;
  rating: HandoverRating | null = null;
  /** What the next rating answers instead of recording it. */
  ratingFails: Array<'fail' | { statusCode: number; code: string }> = [];
  waiting: Array<{ after: string | null; options: any }> = [];
  private nextId = 1;
  private inner: (options: any) => void;

  constructor() {
    const wx = fakeWx();
    wx.routes.set('GET /api/v1/chat/conversation', () => ({
      data: {
        state: this.state,
        unread: 0,
        items: this.messages.slice(-50),
        queue: this.queue,
        agent: this.agent,
        rating: this.rating,
      },
    }));
    wx.routes.set('POST /api/v1/chat/messages', (o) => {
      const body = o.data as { text?: string; action?: string };
      const words = body.text ?? '转人工';
      if (this.state === 'resolved') this.state = 'bot';
      const mine = this.write({ from: 'holder', text: words });
      if (this.state !== 'bot') return { statusCode: 201, data: { items: [mine] } };
      if (words === '转人工') {
        this.state = 'waiting_staff';
        this.queue = { position: 2, expectedWaitMinutes: 6, staffBackAt: null };
        const reply = this.write({
          from: 'assistant',
          intent: 'ask_person',
          text: '好的，已为您转接人工客服，工作人员会尽快在这里回复您，请稍候。',
        });
        return { statusCode: 201, data: { items: [mine, reply] } };
      }
      const reply = this.write({
        from: 'assistant',
        intent: 'card_status',
        text: `收到：${words}`,
        quickReplies: [{ id: 'ask_person', label: '转人工', action: 'send' }],
      });
      return { statusCode: 201, data: { items: [mine, reply] } };
    });
    wx.routes.set('POST /api/v1/chat/rating', (o) => {
      const failure = this.ratingFails.shift();
      if (failure === 'fail') return 'fail';
      if (failure)
        return { statusCode: failure.statusCode, data: { error: { code: failure.code, message: '不能评价' } } };
      this.rating = { asked: true, score: o.data.score };
      return { data: this.rating };
    });
    const g = globalThis as any;
    this.inner = g.wx.request;
    g.wx.request = (options: any) => {
      const url = String(options.url);
      if ((options.method ?? 'GET') !== 'GET' || url.indexOf('/api/v1/chat/messages?') < 0) return this.inner(options);
      wx.calls.push({ api: 'request', options });
      const after = /[?&]after=([^&]*)/.exec(url);
      const read = { after: after ? decodeURIComponent(after[1]) : null, options };
      if (this.newer(read.after).length) this.answer(read);
      else this.waiting.push(read);
    };
  }

  restore(): void {
    (globalThis as any).wx.request = this.inner;
  }

  write(m: Partial<ChatMessage>): ChatMessage {
    const id = this.nextId++;
    const stored = {
      id,
      cursor: String(id),
      from: 'assistant',
      kind: 'text',
      text: '',
      at: new Date(Date.UTC(2026, 2, 2, 1, 0, id)).toISOString(),
      ...m,
    } as ChatMessage;
    this.messages.push(stored);
    for (const read of this.waiting.splice(0)) this.answer(read);
    return stored;
  }

  /** The server's wait ran out: every open read answers with nothing. */
  endWaits(): void {
    for (const read of this.waiting.splice(0))
      setTimeout(() => read.options.success({ statusCode: 200, data: { items: [] } }), 0);
  }

  private newer(after: string | null): ChatMessage[] {
    const i = after === null ? -1 : this.messages.findIndex((m) => m.cursor === after);
    return this.messages.slice(i + 1);
  }

  private answer(read: { after: string | null; options: any }): void {
    const items = this.newer(read.after);
    setTimeout(() => read.options.success({ statusCode: 200, data: { items } }), 0);
  }
}

let server: Server;
let page: Rendered | null = null;

async function open(): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  (comp.instance as any).onShow();
  await flush(10);
  page = comp;
  return comp;
}

/** An attribute as the template wrote it, by its camelCase name (the rendered DOM keeps only the class). */
const attrOf = (node: Rendered, name: string) => {
  const attrs: Array<{ name: string; value: unknown }> = (node as any)._exparserNode._vt.attrs || [];
  return attrs.find((a) => a.name === name)?.value;
};
const texts = (comp: Rendered, selector: string) => comp.querySelectorAll(selector).map((n) => n.dom!.textContent);
const conversationReads = () =>
  fakeWx().calls.filter((c) => c.api === 'request' && String(c.options.url).endsWith('/api/v1/chat/conversation'))
    .length;
const ratings = () =>
  fakeWx()
    .calls.filter((c) => c.api === 'request' && String(c.options.url).endsWith('/api/v1/chat/rating'))
    .map((c) => c.options.data);

async function say(comp: Rendered, text: string): Promise<void> {
  comp.querySelector('.input-bar >>> .ci-input')!.dispatchEvent('input', { detail: { value: text } });
  await flush(1);
  comp.querySelector('.input-bar >>> .ci-send')!.dispatchEvent('tap');
  await flush(10);
}

describe('what the banner says while a person is involved', () => {
  // Saturday 2026-03-07 10:00 in Beijing.
  const saturday = new Date('2026-03-07T10:00:00+08:00');

  it('gives the place in the queue and the wait, or says the holder is next', () => {
    const waiting = (queue: HandoverQueue | null) => statusView({ state: 'waiting_staff', queue, agent: null });
    expect(waiting({ position: 3, expectedWaitMinutes: 12, staffBackAt: null })).toMatchObject({
      kind: 'waiting',
      title: '正在为您转接工作人员',
      lines: ['您前面还有 2 人，预计等待约 12 分钟', '您可以继续输入，工作人员都能看到'],
    });
    expect(waiting({ position: 1, expectedWaitMinutes: null, staffBackAt: null })!.lines[0]).toBe('下一位就是您');
    // A server that sends no queue yet: still says what is happening.
    expect(waiting(null)!.lines).toEqual(['您可以继续输入，工作人员都能看到']);
  });

  it('says when staff are back outside business hours, and that the message is kept', () => {
    const status = statusView(
      {
        state: 'waiting_staff',
        queue: { position: 1, expectedWaitMinutes: 5, staffBackAt: '2026-03-09T01:00:00.000Z' },
        agent: null,
      },
      saturday,
    );
    expect(status).toMatchObject({
      kind: 'waiting',
      title: '工作人员将于 周一 9:00 后回复您，您的留言已保存',
      lines: ['您可以继续输入，工作人员都能看到'],
      // Cut after the commas, so a line wraps between phrases.
      titleParts: ['工作人员将于 周一 9:00 后回复您，', '您的留言已保存'],
      lineParts: [['您可以继续输入，', '工作人员都能看到']],
    });
    expect(staffBackWords('2026-03-07T13:30:00+08:00', saturday)).toBe('今天 13:30');
    expect(staffBackWords('2026-03-08T09:00:00+08:00', saturday)).toBe('明天（周日）9:00');
    expect(staffBackWords('2026-03-16T09:00:00+08:00', saturday)).toBe('3月16日 周一 9:00');
  });

  it('names the staff member serving, and shows nothing while the assistant answers', () => {
    expect(statusView({ state: 'with_staff', queue: null, agent: { displayName: '王某' } })!.title).toBe(
      '工作人员 王某 正在为您服务',
    );
    expect(statusView({ state: 'with_staff', queue: null, agent: null })!.title).toBe('工作人员正在为您服务');
    expect(statusView({ state: 'with_staff', queue: null, agent: { displayName: '工作人员' } })!.title).toBe(
      '工作人员正在为您服务',
    );
    expect(statusView({ state: 'bot', queue: null, agent: null })).toBeNull();
    expect(statusView({ state: 'resolved', queue: null, agent: null })).toBeNull();
  });
});

describe('home: handed over to a person', () => {
  const saved = { ...timing };

  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    Object.assign(timing, { minRoundMs: 0, backoffMs: 20, maxBackoffMs: 40, rateLimitedMs: 40 });
    server = new Server();
  });

  afterEach(() => {
    if (page) (page.instance as any).onUnload();
    page = null;
    server.restore();
    Object.assign(timing, saved);
  });

  it('offers WeChat’s own service chat from the home page, saying where the holder came from', async () => {
    server.write({ text: '您好，我是戎友助手。' });
    const comp = await open();
    const button = comp.querySelector('.contact-service')!;
    expect(button.dom!.textContent).toBe('联系人工客服（微信客服）');
    // The app's secondary button, passing WeChat's own contact action through.
    const props = (button as any).instance.data;
    expect(props).toMatchObject({ look: 'secondary', openType: 'contact', sessionFrom: 'home' });
    // While the assistant answers there is no banner.
    expect(comp.querySelector('.status')).toBeFalsy();
  });

  it('re-reads the state after a reply that handed over, then follows staff joining and replying', async () => {
    server.write({
      text: '您好，我是戎友助手。',
      quickReplies: [{ id: 'ask_person', label: '转人工', action: 'send' }],
    });
    const comp = await open();
    const before = conversationReads();

    // A plain answer does not re-read the conversation.
    await say(comp, '我的优待证办到哪了');
    expect(conversationReads()).toBe(before);

    comp.querySelectorAll('.quick-replies >>> .qr-chip').pop()!.dispatchEvent('tap');
    await flush(10);
    expect(conversationReads()).toBe(before + 1);
    expect(texts(comp, '.status >>> .cs-title')).toEqual(['正在为您转接工作人员']);
    expect(texts(comp, '.status >>> .cs-line')).toEqual([
      '您前面还有 1 人，预计等待约 6 分钟',
      '您可以继续输入，工作人员都能看到',
    ]);
    expect((comp.querySelector('.input-bar') as any).instance.data.placeholder).toBe('请输入您要说的话');

    // Staff claim: the system line arrives by the long poll, and the banner names who serves.
    server.state = 'with_staff';
    server.queue = null;
    server.agent = { displayName: '王某' };
    server.write({ from: 'system', text: '工作人员王某已接入，正在为您服务。' });
    await flush(10);
    expect(texts(comp, '.status >>> .cs-title')).toEqual(['工作人员 王某 正在为您服务']);

    // The staff member's words come under their name, set apart from the assistant's.
    server.write({ from: 'staff', staffName: '王某', text: '您好，您的申请材料已经收到了。' });
    await flush(10);
    expect(texts(comp, '.bubble >>> .cb-sender')).toEqual(['戎友助手', '戎友助手', '戎友助手', '工作人员 王某']);
    expect(texts(comp, '.bubble >>> .cb-staff .cb-body')).toEqual(['您好，您的申请材料已经收到了。']);
    expect(comp.querySelectorAll('.bubble >>> .cb-staff')).toHaveLength(1);
  });

  it('says when staff are back when the handover is outside business hours', async () => {
    server.state = 'waiting_staff';
    server.queue = { position: 4, expectedWaitMinutes: 20, staffBackAt: '2030-01-07T01:00:00.000Z' };
    server.write({ text: '好的，已为您转接人工客服。', intent: 'ask_person' });
    const comp = await open();
    expect(texts(comp, '.status >>> .cs-title')).toEqual(['工作人员将于 1月7日 周一 9:00 后回复您，您的留言已保存']);
    expect(texts(comp, '.status >>> .cs-line')).toEqual(['您可以继续输入，工作人员都能看到']);
  });

  it('reads the place in the queue again while waiting: after each quiet round and on coming back', async () => {
    server.state = 'waiting_staff';
    server.queue = { position: 3, expectedWaitMinutes: 15, staffBackAt: null };
    server.write({ text: '好的，已为您转接人工客服。', intent: 'ask_person' });
    const comp = await open();
    expect(texts(comp, '.status >>> .cs-line')[0]).toBe('您前面还有 2 人，预计等待约 15 分钟');

    server.queue = { position: 2, expectedWaitMinutes: 10, staffBackAt: null };
    server.endWaits();
    await flush(10);
    expect(texts(comp, '.status >>> .cs-line')[0]).toBe('您前面还有 1 人，预计等待约 10 分钟');

    (comp.instance as any).onHide();
    server.endWaits();
    await flush(10);
    server.queue = { position: 1, expectedWaitMinutes: 5, staffBackAt: null };
    (comp.instance as any).onShow();
    await flush(10);
    expect(texts(comp, '.status >>> .cs-line')[0]).toBe('下一位就是您，预计等待约 5 分钟');
  });

  it('asks for a rating after staff resolve, sends it once, and thanks the holder', async () => {
    server.state = 'with_staff';
    server.agent = { displayName: '王某' };
    server.write({ from: 'staff', staffName: '王某', text: '问题已经处理好了。' });
    const comp = await open();
    expect(comp.querySelector('.rating')).toBeFalsy();

    server.state = 'resolved';
    server.agent = null;
    server.rating = { asked: true, score: null };
    server.write({
      from: 'system',
      kind: 'quick_replies',
      text: '本次人工服务已结束，感谢您的耐心。请为本次服务打个分：',
      quickReplies: [{ id: 'rating.5', label: '5分 非常满意', action: 'rate' }],
    });
    await flush(10);
    expect(comp.querySelector('.status')).toBeFalsy();
    const stars = comp.querySelectorAll('.rating >>> .cr-star');
    expect(stars).toHaveLength(5);
    expect((comp.instance as any).data.scrollTo).toBe('rating-card');
    // The server's rating chips are not shown: the card asks instead.
    expect(comp.querySelector('.quick-replies')).toBeFalsy();

    // 提交 before a score says what to do and sends nothing.
    comp.querySelector('.rating >>> .cr-submit')!.dispatchEvent('tap');
    await flush();
    expect(texts(comp, '.rating >>> .cr-hint')).toEqual(['请先点选一个分数']);
    expect(ratings()).toEqual([]);

    stars[1].dispatchEvent('tap');
    stars[3].dispatchEvent('tap');
    await flush();
    expect(texts(comp, '.rating >>> .cr-chosen')).toEqual(['4 分：满意']);
    expect(comp.querySelectorAll('.rating >>> .cr-on')).toHaveLength(4);
    comp.querySelector('.rating >>> .cr-comment')!.dispatchEvent('input', { detail: { value: ' 很耐心 ' } });
    await flush(1);
    comp.querySelector('.rating >>> .cr-submit')!.dispatchEvent('tap');
    comp.querySelector('.rating >>> .cr-submit')!.dispatchEvent('tap');
    await flush(10);
    expect(ratings()).toEqual([{ score: 4, comment: '很耐心' }]);
    expect(texts(comp, '.rating >>> .cr-thanks')).toEqual(['感谢您的评价']);
    expect(texts(comp, '.rating >>> .cr-given')).toEqual(['您给本次服务打了 4 分（满意）']);
    expect(comp.querySelector('.rating >>> .cr-star')).toBeFalsy();

    // Writing again reopens the conversation: the card of the last handover goes.
    await say(comp, '还有一个问题');
    await flush(10);
    expect(comp.querySelector('.rating')).toBeFalsy();
  });

  it('labels each star for screen readers, and shows a rating given before as given', async () => {
    server.state = 'resolved';
    server.rating = { asked: true, score: null };
    server.write({ from: 'system', text: '请为本次服务打个分：' });
    const comp = await open();
    const labels = comp.querySelectorAll('.rating >>> .cr-star').map((n) => attrOf(n, 'ariaLabel'));
    expect(labels).toEqual(['1分，非常不满意', '2分，不满意', '3分，一般', '4分，满意', '5分，非常满意']);

    (comp.instance as any).onUnload();
    server.rating = { asked: true, score: 5 };
    const again = await open();
    expect(texts(again, '.rating >>> .cr-thanks')).toEqual(['感谢您的评价']);
    expect(texts(again, '.rating >>> .cr-given')).toEqual(['您给本次服务打了 5 分（非常满意）']);
  });

  it('takes a 409 as rated already, and keeps the choice for another try after a network failure', async () => {
    server.state = 'resolved';
    server.rating = { asked: true, score: null };
    server.write({ from: 'system', text: '请为本次服务打个分：' });
    server.ratingFails.push('fail', { statusCode: 409, code: 'RATING_ALREADY_GIVEN' });
    const comp = await open();

    comp.querySelectorAll('.rating >>> .cr-star')[4].dispatchEvent('tap');
    await flush();
    comp.querySelector('.rating >>> .cr-submit')!.dispatchEvent('tap');
    await flush(10);
    expect(texts(comp, '.rating >>> .cr-error')).toEqual(['网络不可用，请检查网络后重试']);
    expect(texts(comp, '.rating >>> .cr-chosen')).toEqual(['5 分：非常满意']);

    comp.querySelector('.rating >>> .cr-submit')!.dispatchEvent('tap');
    await flush(10);
    expect(ratings()).toEqual([{ score: 5 }, { score: 5 }]);
    expect(comp.querySelector('.rating >>> .cr-error')).toBeFalsy();
    expect(texts(comp, '.rating >>> .cr-thanks')).toEqual(['感谢您的评价']);
    // The score of an earlier rating is not known here: the thanks do not make one up.
    expect(comp.querySelector('.rating >>> .cr-given')).toBeFalsy();
  });
});
