import simulate from 'miniprogram-simulate';
import { currentActing, startActing } from '../../miniprogram/services/acting';
import { fakeWx, flush } from './fake';
import { asHolder, loadPage, type Rendered } from './harness';

const pageId = loadPage('pages/index/index');

/** 首页 while acting for a family member: the banner says for whom, 结束代办 ends it. */
describe('首页 and acting for a family member', () => {
  let comp: Rendered | undefined;
  beforeEach(() => {
    asHolder();
    fakeWx().routes.set('GET /api/v1/chat/conversation', () => ({ data: { state: 'bot', unread: 0, items: [] } }));
  });
  afterEach(() => {
    (comp?.instance as any)?.onUnload();
    comp = undefined;
  });

  async function open(): Promise<Rendered> {
    const c = simulate.render(pageId);
    comp = c;
    c.attach(document.createElement('parent-wrapper'));
    (c.instance as any).onLoad({});
    (c.instance as any).onShow();
    await flush(10);
    return c;
  }

  it('shows the banner while acting, and 结束代办 ends it', async () => {
    startActing({ linkId: 5, holderAccountId: 42, name: '王**', services: ['appeals'] });
    const c = await open();
    expect(c.querySelector('.acting-text')?.dom?.textContent?.trim()).toBe('正在为 王** 代办');
    c.querySelector('.acting-end')!.dispatchEvent('tap');
    await flush(2);
    expect(currentActing()).toBeNull();
    expect(c.querySelector('.acting-banner')).toBeFalsy();
  });

  it('shows no banner when not acting', async () => {
    const c = await open();
    expect(c.querySelector('.acting-banner')).toBeFalsy();
  });
});
