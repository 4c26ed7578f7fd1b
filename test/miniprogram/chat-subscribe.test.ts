import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { config } from '../../miniprogram/config';
import type { ChatMessage, ConversationState } from '../../miniprogram/services/chat';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'pages/index/index'), { rootPath: root });

const TEMPLATE = 'tpl-chat-reply';
const ASK_PERSON = { id: 'ask_person', label: '转人工', action: 'send' };

/**
 * The server's side, as little as these tests need: the conversation in a given state, sending
 * (转人工 moves it to waiting for staff), the subscription report, and the long poll held open
 * so nothing else arrives meanwhile.
 */
let state: ConversationState;
let messages: ChatMessage[];
let reported: Array<Record<string, string>>;
let page: Rendered | null = null;
let innerRequest: (options: any) => void;

const message = (id: number, m: Partial<ChatMessage>) =>
  ({
    id,
    cursor: String(id),
    from: 'assistant',
    kind: 'text',
    text: '',
    at: new Date(Date.UTC(2026, 2, 2, 1, 0, id)).toISOString(),
    ...m,
  }) as ChatMessage;

function serve(): void {
  const wx = fakeWx();
  wx.routes.set('GET /api/v1/chat/conversation', () => ({
    data: { state, unread: 0, items: messages, queue: null, agent: null, rating: null },
  }));
  wx.routes.set('POST /api/v1/chat/messages', (o) => {
    const body = o.data as { text?: string; action?: string };
    const mine = message(messages.length + 1, { from: 'holder', text: body.text ?? '转人工' });
    messages.push(mine);
    if (body.action !== 'ask_person') return { statusCode: 201, data: { items: [mine] } };
    state = 'waiting_staff';
    const reply = message(messages.length + 1, { intent: 'ask_person', text: '好的，已为您转接人工客服。' });
    messages.push(reply);
    return { statusCode: 201, data: { items: [mine, reply] } };
  });
  wx.routes.set('POST /api/v1/me/subscriptions', (o) => {
    reported.push(o.data.results);
    return { data: { grants: { chat_reply: o.data.results.chat_reply === 'accept' ? 1 : 0 } } };
  });
  const g = globalThis as any;
  innerRequest = g.wx.request;
  g.wx.request = (options: any) => {
    // The long poll: held open, as the server does while nothing is said.
    if ((options.method ?? 'GET') === 'GET' && String(options.url).indexOf('/api/v1/chat/messages?') >= 0) return;
    innerRequest(options);
  };
}

async function open(): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  (comp.instance as any).onShow();
  await flush(10);
  page = comp;
  return comp;
}

const callsOf = (api: string) => fakeWx().calls.filter((c) => c.api === api);
const asked = () => callsOf('requestSubscribeMessage');
const sent = () =>
  callsOf('request')
    .filter((c) => c.options.method === 'POST' && String(c.options.url).endsWith('/api/v1/chat/messages'))
    .map((c) => c.options.data);
/** How many messages had been sent each time the prompt was asked for. */
let sentWhenAsked: number[];

/** The holder's answer in the prompt: given on a later tick, as WeChat does after the dialog. */
function answer(choice: 'accept' | 'reject' | 'fail' | 'never'): void {
  fakeWx().on('requestSubscribeMessage', (o) => {
    sentWhenAsked.push(sent().length);
    if (choice === 'never') return;
    setTimeout(() => {
      if (choice === 'fail') o.fail({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture' });
      else o.success({ [TEMPLATE]: choice, errMsg: 'requestSubscribeMessage:ok' });
    }, 0);
  });
}

/** The chip as the holder taps it (the simulator delivers the tap a moment later: flush after). */
const tapAskPerson = (comp: Rendered) => comp.querySelector('.quick-replies >>> .qr-chip')!.dispatchEvent('tap');
/** The page's handler, called as the tap calls it: what it does before returning happens in the tap. */
const handler = (comp: Rendered, name: string) => (comp.instance as any)[name].bind(comp.instance);

async function say(comp: Rendered, text: string): Promise<void> {
  comp.querySelector('.input-bar >>> .ci-input')!.dispatchEvent('input', { detail: { value: text } });
  await flush(1);
  comp.querySelector('.input-bar >>> .ci-send')!.dispatchEvent('tap');
  await flush(10);
}

describe('home: asking whether staff replies may be sent by WeChat message', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    config.templateIds.chat_reply = TEMPLATE;
    state = 'bot';
    messages = [
      message(1, { text: '您好，我是戎友助手。', quickReplies: [ASK_PERSON] as ChatMessage['quickReplies'] }),
    ];
    reported = [];
    sentWhenAsked = [];
    serve();
  });

  afterEach(async () => {
    if (page) (page.instance as any).onUnload();
    page = null;
    // What the page still had on its way lands now, not in the next test's server.
    await flush(10);
    (globalThis as any).wx.request = innerRequest;
    config.templateIds.chat_reply = '';
  });

  it('asks in the 转人工 tap itself, before the message goes, and reports the answer', async () => {
    answer('accept');
    const comp = await open();

    void handler(comp, 'onQuickReply')({ detail: { reply: ASK_PERSON } });
    // Back from the handler, nothing awaited yet: WeChat shows the prompt only when asked from here.
    expect(asked()).toHaveLength(1);
    expect(asked()[0].options.tmplIds).toEqual([TEMPLATE]);
    expect(sentWhenAsked).toEqual([0]);

    await flush(10);
    expect(reported).toEqual([{ chat_reply: 'accept' }]);
    expect(sent()).toEqual([{ action: 'ask_person' }]);
    expect((comp.instance as any).data.status.kind).toBe('waiting');
  });

  it.each([
    ['rejects', 'reject' as const, [{ chat_reply: 'reject' }]],
    ['cannot be asked', 'fail' as const, []],
    ['has not answered yet', 'never' as const, []],
  ])('sends 转人工 all the same when the holder %s', async (_, choice, report) => {
    answer(choice);
    const comp = await open();
    tapAskPerson(comp);
    await flush(10);
    expect(asked()).toHaveLength(1);
    expect(sentWhenAsked).toEqual([0]);
    expect(reported).toEqual(report);
    expect(sent()).toEqual([{ action: 'ask_person' }]);
    // Nothing shows as failed: the message is stored and the banner says a person is coming.
    expect((comp.instance as any).data.items.some((i: any) => i.bubble && i.bubble.pending)).toBe(false);
    expect((comp.instance as any).data.status.kind).toBe('waiting');
  });

  it('asks nothing when no template id is configured, and still sends', async () => {
    config.templateIds.chat_reply = '';
    const comp = await open();
    tapAskPerson(comp);
    await flush(10);
    expect(asked()).toHaveLength(0);
    expect(reported).toEqual([]);
    expect(sent()).toEqual([{ action: 'ask_person' }]);
  });

  it('asks when the holder taps 联系人工客服', async () => {
    answer('accept');
    const comp = await open();
    handler(comp, 'onContactTap')();
    expect(asked()).toHaveLength(1);
    await flush(10);
    expect(reported).toEqual([{ chat_reply: 'accept' }]);

    // The button in the template is bound to it.
    comp.querySelector('.contact-service')!.dispatchEvent('press');
    await flush(10);
    expect(asked()).toHaveLength(2);
  });

  it('asks once per visit while waiting for staff, before the first line the holder sends', async () => {
    state = 'waiting_staff';
    messages = [message(1, { intent: 'ask_person', text: '好的，已为您转接人工客服。' })];
    answer('reject');
    const comp = await open();
    expect(asked()).toHaveLength(0);

    handler(comp, 'onSend')({ detail: { text: '我的材料已经交了' } });
    expect(asked()).toHaveLength(1);
    expect(sentWhenAsked).toEqual([0]);
    await flush(10);
    await say(comp, '请问还要多久');
    expect(asked()).toHaveLength(1);
    expect(sent()).toEqual([{ text: '我的材料已经交了' }, { text: '请问还要多久' }]);
    expect(reported).toEqual([{ chat_reply: 'reject' }]);

    // Back on the page later: a new visit, asked once more.
    (comp.instance as any).onHide();
    (comp.instance as any).onShow();
    await flush(10);
    await say(comp, '我还在等');
    expect(asked()).toHaveLength(2);
    expect(sent()).toHaveLength(3);
  });

  it('does not ask when the holder writes to the assistant', async () => {
    answer('accept');
    const comp = await open();
    await say(comp, '我的优待证办到哪了');
    expect(asked()).toHaveLength(0);
    expect(sent()).toEqual([{ text: '我的优待证办到哪了' }]);
  });
});
