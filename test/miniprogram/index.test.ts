import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { timing } from '../../miniprogram/pages/index/conversation';
import type { ChatMessage } from '../../miniprogram/services/chat';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'pages/index/index'), { rootPath: root });

/**
 * The server's side of the conversation, as the chat routes behave: the conversation's last page,
 * sending (the holder's message and the assistant's reply, stored), and the long poll, which
 * answers at once when something newer than `after` exists and otherwise stays open until a
 * message is written (or the test ends the wait).
 */
class FakeChat {
  messages: ChatMessage[] = [];
  unread = 0;
  /** Open reads: they answer when a message is written. */
  waiting: Array<{ after: string | null; options: any }> = [];
  /** What the next send answers instead of storing (a status, or 'fail' for no network). */
  sendFails: Array<'fail' | { statusCode: number; code: string; message: string }> = [];
  reply: (text: string) => Partial<ChatMessage> = (text) => ({ text: `收到：${text}` });
  private nextId = 1;

  constructor() {
    const wx = fakeWx();
    wx.routes.set('GET /api/v1/chat/conversation', () => ({
      data: { state: 'bot', unread: this.unread, items: this.messages.slice(-50) },
    }));
    wx.routes.set('POST /api/v1/chat/messages', (o) => {
      const failure = this.sendFails.shift();
      if (failure === 'fail') return 'fail';
      if (failure)
        return { statusCode: failure.statusCode, data: { error: { code: failure.code, message: failure.message } } };
      const body = o.data as { text?: string; action?: string };
      const mine = this.write({ from: 'holder', text: body.text ?? `[${body.action}]` });
      const answer = this.write({ from: 'assistant', ...this.reply(body.text ?? body.action ?? '') });
      return { statusCode: 201, data: { items: [mine, answer] } };
    });
    wx.routes.set('POST /api/v1/chat/messages/5/feedback', () => ({ statusCode: 204 }));
    // The long poll is not a plain route: a read may stay open, so it is answered from here.
    const g = globalThis as any;
    const inner = g.wx.request;
    g.wx.request = (options: any) => {
      const url = String(options.url);
      if ((options.method ?? 'GET') !== 'GET' || url.indexOf('/api/v1/chat/messages?') < 0) return inner(options);
      wx.calls.push({ api: 'request', options });
      const after = /[?&]after=([^&]*)/.exec(url);
      const read = { after: after ? decodeURIComponent(after[1]) : null, options };
      if (this.newer(read.after).length) this.answer(read);
      else this.waiting.push(read);
    };
    this.restore = () => {
      g.wx.request = inner;
    };
  }

  restore: () => void;

  /** Stores a message as the server would (id, cursor, time) and wakes the open reads. */
  write(m: Partial<ChatMessage>): ChatMessage {
    const id = this.nextId++;
    const stored: ChatMessage = {
      id,
      cursor: String(id),
      from: 'assistant',
      kind: 'text',
      text: '',
      at: new Date(Date.UTC(2026, 2, 1, 1, 0, id)).toISOString(),
      ...m,
    } as ChatMessage;
    this.messages.push(stored);
    const woken = this.waiting.splice(0);
    for (const read of woken) this.answer(read);
    return stored;
  }

  /** The server's wait ran out: every open read answers with nothing. */
  endWaits(): void {
    for (const read of this.waiting.splice(0))
      setTimeout(() => read.options.success({ statusCode: 200, data: { items: [] } }), 0);
  }

  /** The afters of every read the page made, in order. */
  reads(): Array<string | null> {
    return fakeWx()
      .calls.filter((c) => c.api === 'request' && String(c.options.url).indexOf('/api/v1/chat/messages?') >= 0)
      .map((c) => {
        const m = /[?&]after=([^&]*)/.exec(String(c.options.url));
        return m ? decodeURIComponent(m[1]) : null;
      });
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

const greeting = (): Partial<ChatMessage> => ({
  from: 'assistant',
  kind: 'quick_replies',
  text: '您好，我是戎友助手。想办什么事，直接告诉我，或点下面的问题。',
  quickReplies: [
    { id: 'card_status', label: '我的优待证办到哪了', action: 'send' },
    { id: 'nearby.location', label: '发送我的位置', action: 'send_location' },
    { id: 'link.1', label: '我想找律师', page: 'packages/legal-aid/pages/providers/providers' },
  ],
});

let chat: FakeChat;
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

const texts = (comp: Rendered, selector: string) => comp.querySelectorAll(selector).map((n) => n.dom!.textContent);
const bubbles = (comp: Rendered) => texts(comp, '.bubble >>> .cb-body');
const navigations = () =>
  fakeWx()
    .calls.filter((c) => c.api === 'navigateTo')
    .map((c) => c.options.url);
const posts = () =>
  fakeWx()
    .calls.filter((c) => c.api === 'request' && c.options.method === 'POST')
    .map((c) => c.options.data);

async function type(comp: Rendered, text: string): Promise<void> {
  comp.querySelector('.input-bar >>> .ci-input')!.dispatchEvent('input', { detail: { value: text } });
  await flush(1);
  comp.querySelector('.input-bar >>> .ci-send')!.dispatchEvent('tap');
}

describe('home: the conversation', () => {
  const saved = { ...timing };

  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    Object.assign(timing, { minRoundMs: 0, backoffMs: 20, maxBackoffMs: 40, rateLimitedMs: 40 });
    chat = new FakeChat();
  });

  afterEach(() => {
    if (page) (page.instance as any).onUnload();
    page = null;
    chat.restore();
    Object.assign(timing, saved);
  });

  it('greets a first visit with suggestions, and keeps the four services and the staff login one tap away', async () => {
    chat.write(greeting());
    const comp = await open();

    expect(bubbles(comp)).toEqual(['您好，我是戎友助手。想办什么事，直接告诉我，或点下面的问题。']);
    expect(texts(comp, '.quick-replies >>> .qr-chip')).toEqual(['我的优待证办到哪了', '发送我的位置', '我想找律师']);
    expect(texts(comp, '.shortcut')).toEqual(['优待证', '优待商户', '法律服务', '我的']);
    expect(comp.querySelector('.corner')).toBeFalsy();

    // A suggestion with a page opens it; a shortcut opens its service; so do the links at the top.
    comp.querySelectorAll('.quick-replies >>> .qr-chip')[2].dispatchEvent('tap');
    comp.querySelector('.shortcut-merchants')!.dispatchEvent('tap');
    comp.querySelector('.shortcut-me')!.dispatchEvent('tap');
    comp.querySelector('.all-notices')!.dispatchEvent('tap');
    comp.querySelector('.staff-login')!.dispatchEvent('tap');
    await flush();
    expect(navigations()).toEqual([
      '/packages/legal-aid/pages/providers/providers',
      '/packages/merchants/pages/list/list',
      '/pages/me/me',
      '/pages/timeline/timeline',
      '/pages/login/login',
    ]);
    // Reading starts after the greeting.
    expect(chat.reads()).toEqual(['1']);
  });

  it('shows the corners of merchant staff, staff and lawyers to those who hold the role', async () => {
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 1, roles: ['merchant_clerk'], via: 'password' });
    // The conversation is the holders': a work account is refused it, and that is no error for them.
    fakeWx().routes.set('GET /api/v1/chat/conversation', () => ({
      statusCode: 403,
      data: { error: { code: 'FORBIDDEN', message: '没有权限' } },
    }));
    const comp = await open();
    expect(texts(comp, '.corner')).toEqual(['商户核验：扫码验证优待证 ›']);
    expect(comp.querySelector('.load-error')).toBeFalsy();
    expect(texts(comp, '.work-account')).toEqual([
      '您登录的是工作账号。对话助手为优抚对象服务，您的工作请从下方入口办理。',
    ]);
    // WeChat's service chat is the holders' too.
    expect(comp.querySelector('.contact-service')).toBeFalsy();
    expect(chat.reads()).toEqual([]);

    saveSession({
      accessToken: 't',
      refreshToken: 'r',
      userId: 2,
      roles: ['lawyer', 'station_staff'],
      via: 'password',
    });
    (comp.instance as any).onHide();
    (comp.instance as any).onShow();
    await flush();
    expect(texts(comp, '.corner')).toEqual(['工作台：优待证审核 ›', '法律服务：我的服务预约 ›']);
    comp.querySelector('.corner-provider')!.dispatchEvent('tap');
    await flush();
    expect(navigations()).toEqual(['/packages/legal-aid/pages/desk/desk']);
  });

  it('sends: the words show at once, then the stored message and the reply, each once', async () => {
    chat.write(greeting());
    const comp = await open();

    await type(comp, '  优待证丢了怎么办 ');
    expect(bubbles(comp)).toContain('优待证丢了怎么办');
    expect(texts(comp, '.bubble >>> .cb-status')).toEqual(['发送中…']);
    // The holder has moved on: the greeting's suggestions go.
    expect(comp.querySelector('.quick-replies')).toBeFalsy();
    expect((comp.querySelector('.input-bar') as any).instance.data.value).toBe('');

    await flush(10);
    expect(posts()).toEqual([{ text: '优待证丢了怎么办' }]);
    // The open read was woken by the same messages the send answered with: still shown once.
    expect(bubbles(comp)).toEqual([
      '您好，我是戎友助手。想办什么事，直接告诉我，或点下面的问题。',
      '优待证丢了怎么办',
      '收到：优待证丢了怎么办',
    ]);
    expect((comp.instance as any).data.items.map((i: { key: string }) => i.key)).toEqual(['m1', 'm2', 'm3']);
    expect(comp.querySelector('.bubble >>> .cb-status')).toBeFalsy();
    expect((comp.instance as any).data.scrollTo).toBe('m3');
    // The holder's words on the right, the answer on the left.
    expect(comp.querySelectorAll('.bubble >>> .cb-mine')).toHaveLength(1);
    expect(texts(comp, '.bubble >>> .cb-sender')).toEqual(['戎友助手', '戎友助手']);
    expect(chat.reads()).toEqual(['1', '3']);

    // An empty send sends nothing and says what to do.
    await type(comp, '   ');
    await flush();
    expect(posts()).toHaveLength(1);
    expect(fakeWx().calls.filter((c) => c.api === 'showToast')[0].options.title).toBe('请先输入您的问题');
  });

  it('sends a suggestion as its action, and one about nearby offers with where the holder is', async () => {
    chat.write(greeting());
    fakeWx().on('getLocation', (o) => setTimeout(() => o.success({ latitude: 30.27, longitude: 120.15 }), 0));
    const comp = await open();

    comp.querySelectorAll('.quick-replies >>> .qr-chip')[0].dispatchEvent('tap');
    await flush(10);
    chat.write(greeting());
    await flush(10);
    comp.querySelectorAll('.quick-replies >>> .qr-chip')[1].dispatchEvent('tap');
    await flush(10);
    expect(posts()).toEqual([
      { action: 'card_status' },
      { action: 'nearby.location', location: { lat: 30.27, lng: 120.15 } },
    ]);
    expect(fakeWx().calls.filter((c) => c.api === 'getLocation')).toHaveLength(1);
  });

  it('says so when the location is refused, and sends nothing', async () => {
    chat.write(greeting());
    fakeWx().on('getLocation', (o) => setTimeout(() => o.fail({ errMsg: 'getLocation:fail auth deny' }), 0));
    const comp = await open();
    comp.querySelectorAll('.quick-replies >>> .qr-chip')[1].dispatchEvent('tap');
    await flush(10);
    expect(posts()).toEqual([]);
    expect(fakeWx().calls.filter((c) => c.api === 'showModal')[0].options.title).toBe('没有取得您的位置');
  });

  it('asks for the privacy authorisation before the location; declined, it says so and sends nothing', async () => {
    chat.write(greeting());
    fakeWx().on('requirePrivacyAuthorize', (o) =>
      setTimeout(() => o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' }), 0),
    );
    const comp = await open();
    expect(comp.querySelector('.privacy')).toBeTruthy();
    comp.querySelectorAll('.quick-replies >>> .qr-chip')[1].dispatchEvent('tap');
    await flush(10);
    expect(fakeWx().calls.filter((c) => c.api === 'requirePrivacyAuthorize')).toHaveLength(1);
    expect(fakeWx().calls.filter((c) => c.api === 'getLocation')).toHaveLength(0);
    expect(posts()).toEqual([]);
    const modal = fakeWx().calls.filter((c) => c.api === 'showModal')[0].options;
    expect(modal.title).toBe('没有使用您的位置');
    expect(modal.content).toContain('优待商户');
    // The conversation goes on: the next question is sent as usual.
    comp.querySelectorAll('.quick-replies >>> .qr-chip')[0].dispatchEvent('tap');
    await flush(10);
    expect(posts()).toEqual([{ action: 'card_status' }]);
  });

  it('receives while open: the long poll delivers a staff reply and a notice, and reading goes on after them', async () => {
    chat.write(greeting());
    const comp = await open();
    expect(chat.waiting).toHaveLength(1);

    chat.write({ from: 'staff', text: '您好，我是服务站的李明，您的材料已经收到。' });
    await flush(10);
    expect(bubbles(comp)).toContain('您好，我是服务站的李明，您的材料已经收到。');
    expect(texts(comp, '.bubble >>> .cb-sender')).toEqual(['戎友助手', '工作人员']);

    chat.write({
      from: 'system',
      kind: 'notice',
      text: '服务站已受理您的优待证申请。',
      card: {
        title: '申请进度更新',
        lines: [],
        button: { label: '查看进度', page: 'packages/card/pages/application/application?id=4' },
      },
    });
    await flush(10);
    expect(texts(comp, '.notice >>> .cn-title')).toEqual(['申请进度更新']);
    // A notice that arrives while open is pinned until the holder opens it.
    expect(texts(comp, '.pinned >>> .cn-title')).toEqual(['申请进度更新']);
    comp.querySelector('.pinned >>> .cn-main')!.dispatchEvent('tap');
    await flush();
    expect(navigations()).toEqual(['/packages/card/pages/application/application?id=4']);
    expect(comp.querySelector('.pinned')).toBeFalsy();

    // An empty answer (the server's wait ran out) starts the next read from the same place.
    chat.endWaits();
    await flush(10);
    expect(chat.reads()).toEqual(['1', '2', '3', '3']);
  });

  it('keeps the suggestions when a notice arrives after them, and drops them when staff speak', async () => {
    chat.write(greeting());
    const comp = await open();
    chat.write({
      from: 'system',
      kind: 'notice',
      text: '服务站已受理您的申请。',
      card: { title: '申请进度更新', lines: [] },
    });
    await flush(10);
    expect(texts(comp, '.quick-replies >>> .qr-chip')).toHaveLength(3);
    chat.write({ from: 'staff', text: '您好，有什么可以帮您？' });
    await flush(10);
    expect(comp.querySelector('.quick-replies')).toBeFalsy();
  });

  it('catches up after the background: stops reading on hide, reads after the last message on show', async () => {
    chat.write(greeting());
    const comp = await open();
    (comp.instance as any).onHide();
    // The read that was open ends empty; nothing more is asked while hidden.
    chat.endWaits();
    await flush(10);
    const readsWhileAway = chat.reads().length;

    chat.write({ from: 'staff', text: '材料不全，请补交户口簿首页。' });
    chat.write({
      from: 'system',
      kind: 'notice',
      text: '您的申请需要补充材料。',
      card: { title: '需要补充材料', lines: [] },
    });
    await flush(10);
    expect(chat.reads()).toHaveLength(readsWhileAway);
    expect(bubbles(comp)).toHaveLength(1);

    (comp.instance as any).onShow();
    await flush(10);
    expect(chat.reads().slice(readsWhileAway)[0]).toBe('1');
    expect(bubbles(comp)).toEqual([
      '您好，我是戎友助手。想办什么事，直接告诉我，或点下面的问题。',
      '材料不全，请补交户口簿首页。',
    ]);
    expect(texts(comp, '.notice >>> .cn-title')).toEqual(['需要补充材料']);
    // Then it waits after the newest.
    expect(chat.reads().slice(-1)[0]).toBe('3');
    expect(chat.waiting).toHaveLength(1);

    // After leaving for good nothing more is read.
    (comp.instance as any).onUnload();
    page = null;
    chat.endWaits();
    await flush(10);
    expect(chat.waiting).toHaveLength(0);
  });

  it('backs off when reading fails, longer after each failure, then reads again', async () => {
    Object.assign(timing, { backoffMs: 40, maxBackoffMs: 1000 });
    chat.write(greeting());
    const g = globalThis as any;
    const request = g.wx.request;
    const readAt: number[] = [];
    g.wx.request = (o: any) => {
      if (String(o.url).indexOf('/api/v1/chat/messages?') >= 0) readAt.push(Date.now());
      if (String(o.url).indexOf('/api/v1/chat/messages?') >= 0 && readAt.length <= 2) {
        fakeWx().calls.push({ api: 'request', options: o });
        setTimeout(() => o.fail({ errMsg: 'request:fail' }), 0);
        return;
      }
      request(o);
    };
    try {
      const comp = await open();
      for (let waited = 0; chat.waiting.length === 0 && waited < 3000; waited += 20)
        await new Promise((r) => setTimeout(r, 20));
      expect(chat.reads()).toEqual(['1', '1', '1']);
      // The second failure waited twice as long as the first.
      expect(readAt[1] - readAt[0]).toBeGreaterThanOrEqual(35);
      expect(readAt[2] - readAt[1]).toBeGreaterThanOrEqual(75);
      chat.write({ from: 'staff', text: '网络恢复后的回复' });
      await flush(10);
      expect(bubbles(comp)).toContain('网络恢复后的回复');
    } finally {
      g.wx.request = request;
    }
  });

  it('keeps a message that failed to send, with 重发, and sends it again', async () => {
    chat.write(greeting());
    chat.sendFails.push('fail');
    const comp = await open();

    await type(comp, '我想找律师');
    await flush(10);
    expect(bubbles(comp)).toContain('我想找律师');
    expect(texts(comp, '.bubble >>> .cb-error')).toEqual(['网络不可用，请检查网络后重试']);
    expect(texts(comp, '.bubble >>> .cb-retry')).toEqual(['重发']);

    comp.querySelector('.bubble >>> .cb-retry')!.dispatchEvent('tap');
    await flush(10);
    expect(posts()).toEqual([{ text: '我想找律师' }, { text: '我想找律师' }]);
    expect(comp.querySelector('.bubble >>> .cb-failed')).toBeFalsy();
    expect(bubbles(comp).filter((t) => t === '我想找律师')).toHaveLength(1);
    expect(bubbles(comp)).toContain('收到：我想找律师');
  });

  it('offers 重发 after a rate limit, but not for words the server refuses', async () => {
    chat.write(greeting());
    chat.sendFails.push({ statusCode: 429, code: 'RATE_LIMITED', message: '发送太频繁，请稍后再试' });
    chat.sendFails.push({ statusCode: 400, code: 'TEXT_INVALID', message: '消息不能只有空格或控制字符' });
    const comp = await open();
    await type(comp, '第一句');
    await flush(10);
    await type(comp, '第二句');
    await flush(10);
    expect(texts(comp, '.bubble >>> .cb-error')).toEqual(['发送太频繁，请稍后再试', '消息不能只有空格或控制字符']);
    expect(texts(comp, '.bubble >>> .cb-retry')).toEqual(['重发']);
  });

  it('opens the page of a card’s button', async () => {
    chat.write({
      from: 'assistant',
      kind: 'card',
      intent: 'card_status',
      text: '您的优待证申请在这一步：',
      card: {
        title: '优待证申领：初审通过',
        lines: ['服务站初审通过，已报区退役军人事务局审核', '提交于 2026年3月1日'],
        button: { label: '查看申请进度', page: 'packages/card/pages/application/application' },
      },
    });
    const comp = await open();
    expect(texts(comp, '.bubble >>> .cc-line')).toEqual([
      '服务站初审通过，已报区退役军人事务局审核',
      '提交于 2026年3月1日',
    ]);
    comp.querySelector('.bubble >>> .cc-button')!.dispatchEvent('tap');
    await flush();
    expect(navigations()).toEqual(['/packages/card/pages/application/application']);
  });

  it('shows where a knowledge answer comes from, and takes 有用 once', async () => {
    const feedbackReplies = [
      { id: 'feedback.useful', label: '有用', action: 'feedback' as const },
      { id: 'feedback.not_useful', label: '没用', action: 'feedback' as const },
    ];
    chat.write({
      from: 'assistant',
      intent: 'policy_question',
      text: '可以补领，先挂失。',
      source: { entryId: 3, document: '优待证管理办法', article: null, issuer: null, effectiveDate: null },
      quickReplies: feedbackReplies,
    });
    for (let i = 0; i < 3; i++) chat.write({ from: 'assistant', text: `第 ${i + 1} 条` });
    chat.write({
      from: 'assistant',
      kind: 'quick_replies',
      intent: 'policy_question',
      text: '优待证遗失的，本人向原申领地服务站报告挂失，再申请补领。',
      source: {
        entryId: 12,
        document: '退役军人、其他优抚对象优待证管理办法（试行）',
        article: '第十五条',
        issuer: '退役军人事务部',
        effectiveDate: '2021-12-01',
      },
      quickReplies: [{ id: 'link.1', label: '去申请补领', page: 'packages/card/pages/card/card' }, ...feedbackReplies],
    });
    fakeWx().routes.set('POST /api/v1/chat/messages/5/feedback', (o) => {
      chat.messages[4].feedback = o.data.useful ? 'useful' : 'not_useful';
      return { data: chat.messages[4] };
    });
    const comp = await open();
    expect(texts(comp, '.bubble >>> .cb-source')).toEqual([
      '依据：《优待证管理办法》',
      '依据：《退役军人、其他优抚对象优待证管理办法（试行）》第十五条 · 退役军人事务部 · 2021年12月1日起施行',
    ]);
    // Only the newest answer asks; its 有用 / 没用 sit under it, not among the chips.
    expect(comp.querySelectorAll('.bubble >>> .cb-useful')).toHaveLength(1);
    expect(texts(comp, '.quick-replies >>> .qr-chip')).toEqual(['去申请补领']);

    comp.querySelector('.bubble >>> .cb-useful')!.dispatchEvent('tap');
    comp.querySelector('.bubble >>> .cb-useful')!.dispatchEvent('tap');
    await flush(10);
    const feedback = fakeWx().calls.filter(
      (c) => c.api === 'request' && String(c.options.url).endsWith('/api/v1/chat/messages/5/feedback'),
    );
    expect(feedback.map((c) => c.options.data)).toEqual([{ useful: true }]);
    expect(comp.querySelector('.bubble >>> .cb-choice')).toBeFalsy();
    expect(texts(comp, '.bubble >>> .cb-thanks')).toEqual(['您觉得有用，谢谢反馈']);

    // On the next visit the server says it was given: no buttons again.
    (comp.instance as any).onUnload();
    const again = await open();
    expect(again.querySelector('.bubble >>> .cb-choice')).toBeFalsy();
    expect(texts(again, '.bubble >>> .cb-thanks')).toEqual(['您觉得有用，谢谢反馈']);
  });

  it('takes a feedback given before as given, and says so when it cannot be sent', async () => {
    chat.write({
      from: 'assistant',
      text: '可以补领。',
      source: { entryId: 3, document: '优待证管理办法', article: null, issuer: null, effectiveDate: null },
    });
    fakeWx().routes.set('POST /api/v1/chat/messages/1/feedback', () => 'fail');
    const comp = await open();
    comp.querySelector('.bubble >>> .cb-useless')!.dispatchEvent('tap');
    await flush(10);
    expect(fakeWx().calls.filter((c) => c.api === 'showToast')[0].options.title).toBe('网络不可用，请检查网络后重试');
    expect(comp.querySelectorAll('.bubble >>> .cb-choice')).toHaveLength(2);

    fakeWx().routes.set('POST /api/v1/chat/messages/1/feedback', () => ({
      statusCode: 409,
      data: { error: { code: 'FEEDBACK_ALREADY_GIVEN', message: '已经评价过了' } },
    }));
    comp.querySelector('.bubble >>> .cb-useless')!.dispatchEvent('tap');
    await flush(10);
    expect(texts(comp, '.bubble >>> .cb-thanks')).toEqual(['已记下您觉得没用，我们会改进这条回答']);
  });

  it('pins the newest unread notice until it is opened or closed, and not again on the next visit', async () => {
    chat.write(greeting());
    chat.write({
      from: 'system',
      kind: 'notice',
      text: '明天上午9点预约的法律咨询，请准时到场。',
      card: { title: '预约提醒', lines: [] },
    });
    chat.write({ from: 'assistant', text: '还有什么可以帮您？' });
    chat.unread = 2;
    fakeWx().routes.set('POST /api/v1/chat/read', () => ({ data: { unread: 0, readCursor: '3' } }));
    const comp = await open();
    expect(texts(comp, '.pinned >>> .cn-title')).toEqual(['预约提醒']);
    // The holder has the whole page in front of them: it is read up to the newest.
    expect(posts()).toEqual([{ cursor: '3' }]);

    comp.querySelector('.pinned >>> .cn-close')!.dispatchEvent('tap');
    await flush();
    expect(comp.querySelector('.pinned')).toBeFalsy();
    expect(comp.querySelector('.pinned >>> .cn-close')).toBeFalsy();

    (comp.instance as any).onUnload();
    const again = await open();
    expect(again.querySelector('.pinned')).toBeFalsy();
    expect(texts(again, '.notice >>> .cn-title')).toEqual(['预约提醒']);
  });

  it('says plainly when the conversation cannot be opened, and opens it on 重新加载', async () => {
    fakeWx().routes.set('GET /api/v1/chat/conversation', () => 'fail');
    const comp = await open();
    expect(texts(comp, '.load-error')[0]).toContain('网络不可用，请检查网络后重试');
    expect(chat.reads()).toEqual([]);
    // The services stay usable meanwhile.
    expect(texts(comp, '.shortcut')).toHaveLength(4);

    chat.write(greeting());
    fakeWx().routes.set('GET /api/v1/chat/conversation', () => ({
      data: { state: 'bot', unread: 0, items: chat.messages },
    }));
    comp.querySelector('.load-error')!.dispatchEvent('action');
    await flush(10);
    expect(comp.querySelector('.load-error')).toBeFalsy();
    expect(bubbles(comp)).toHaveLength(1);
    expect(chat.reads()).toEqual(['1']);
  });

  it('follows WeChat’s font size: page-meta’s root size grows with the setting, and the shortcuts go two by two', async () => {
    const g = globalThis as any;
    const { getAppBaseInfo, getWindowInfo } = g.wx;
    g.wx.getWindowInfo = () => ({ windowWidth: 375, windowHeight: 724 });
    try {
      g.wx.getAppBaseInfo = () => ({ fontSizeSetting: 17, fontSizeScaleFactor: 1 });
      const comp = await open();
      expect((comp.instance as any).data.rootFontSize).toBe('17px');
      expect(comp.querySelector('.shortcuts-two-rows')).toBeFalsy();

      g.wx.getAppBaseInfo = () => ({ fontSizeSetting: 24, fontSizeScaleFactor: 1.4 });
      (comp.instance as any).onHide();
      (comp.instance as any).onShow();
      await flush();
      expect((comp.instance as any).data.rootFontSize).toBe('23.8px');
      expect(comp.querySelector('.shortcuts-two-rows')).toBeTruthy();

      // An older base library gives only the size in px.
      g.wx.getAppBaseInfo = () => ({ fontSizeSetting: 20 });
      (comp.instance as any).onShow();
      await flush();
      expect((comp.instance as any).data.rootFontSize).toBe('20px');
    } finally {
      g.wx.getAppBaseInfo = getAppBaseInfo;
      g.wx.getWindowInfo = getWindowInfo;
    }
  });
});
