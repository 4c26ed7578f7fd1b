import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { BubbleView } from '../../miniprogram/pages/index/view';
import { fakeWx, flush } from './fake';

const bubbleId = simulate.load(path.join(__dirname, '../../miniprogram/components/chat-bubble/chat-bubble'));

const base: BubbleView = {
  key: 'm1',
  side: 'theirs',
  senderName: '戎友助手',
  text: '',
  card: null,
  sourceText: '',
  feedback: '',
  messageId: 1,
  localId: 0,
  pending: '',
  error: '',
  retryable: false,
};

function render(message: Partial<BubbleView>) {
  const comp = simulate.render(bubbleId, { message: { ...base, ...message } });
  comp.attach(document.createElement('parent-wrapper'));
  const events: Array<{ name: string; detail: unknown }> = [];
  for (const name of ['open', 'feedback', 'retry'])
    (comp as any).addEventListener(name, (e: any) => events.push({ name, detail: e.detail }));
  return { comp, events };
}

describe('chat-bubble', () => {
  beforeEach(() => fakeWx().reset());

  it('passes a card button’s page up as `open`', async () => {
    const { comp, events } = render({
      text: '离您最近的三家优待商户：',
      card: {
        title: '附近的优待',
        lines: ['老兵面馆 · 350 米 · 九折'],
        button: { label: '查看全部商户', page: 'packages/merchants/pages/list/list' },
      },
    });
    expect(comp.dom!.textContent).toContain('老兵面馆 · 350 米 · 九折');
    comp.querySelector('.cb-card >>> .cc-button')!.dispatchEvent('tap');
    await flush();
    expect(events).toEqual([{ name: 'open', detail: { page: 'packages/merchants/pages/list/list' } }]);
  });

  it('has no button on a card without a page', () => {
    const { comp } = render({ card: { title: '办理须知', lines: ['带上身份证原件'] } });
    expect(comp.querySelector('.cb-card >>> .cc-button')).toBeFalsy();
  });

  it('asks 有用 / 没用 under a sourced answer, and ignores taps while the first answer is on its way', async () => {
    const { comp, events } = render({
      text: '可以补领。',
      sourceText: '依据：《办法》第十五条',
      feedback: 'ask',
      messageId: 9,
    });
    comp.querySelector('.cb-useless')!.dispatchEvent('tap');
    await flush();
    expect(events).toEqual([{ name: 'feedback', detail: { messageId: 9, useful: false } }]);

    const sending = render({ sourceText: '依据：《办法》第十五条', feedback: 'sending', messageId: 9 });
    sending.comp.querySelector('.cb-useful')!.dispatchEvent('tap');
    await flush();
    expect(sending.events).toEqual([]);
  });

  it('says why a message failed and emits `retry` with its local id', async () => {
    const { comp, events } = render({
      side: 'mine',
      senderName: '',
      text: '我想找律师',
      pending: 'failed',
      error: '网络不可用，请检查网络后重试',
      retryable: true,
      localId: 3,
    });
    expect(comp.querySelector('.cb-mine')).toBeTruthy();
    expect(comp.querySelector('.cb-sender')).toBeFalsy();
    comp.querySelector('.cb-retry')!.dispatchEvent('tap');
    await flush();
    expect(events).toEqual([{ name: 'retry', detail: { localId: 3 } }]);
  });

  it('sets system lines apart, in the middle and without a sender', () => {
    const { comp } = render({ side: 'system', senderName: '系统消息', text: '工作人员已接入对话' });
    expect(comp.querySelector('.cb-system')).toBeTruthy();
    expect(comp.querySelector('.cb-sender')).toBeFalsy();
  });
});
