import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

/** The text of the first element matching `selector`, or undefined when there is none. */
const textOf = (comp: ReturnType<typeof simulate.render>, selector: string) =>
  comp.querySelector(selector)?.dom?.textContent;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'pages/timeline/timeline'), { rootPath: root });

const notice = (id: number, page: string | null = null) => ({
  id,
  templateKey: 'application_status',
  title: `通知 ${id}`,
  body: `第 ${id} 条消息`,
  page,
  at: '2020-03-01T09:05:00.000+08:00',
});

/** The query of every timeline request, in order. */
const timelineQueries = () =>
  fakeWx()
    .calls.filter((c) => c.api === 'request' && String(c.options.url).indexOf('/api/v1/me/timeline') >= 0)
    .map((c) => String(c.options.url).split('?')[1] || '');

const titles = (comp: ReturnType<typeof simulate.render>) =>
  comp.querySelectorAll('.notice-title').map((n) => n.dom!.textContent);

async function open() {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  await flush();
  return comp;
}

describe('消息: the holder’s timeline', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('shows the notices newest first, then loads older ones with the cursor', async () => {
    fakeWx().routes.set('GET /api/v1/me/timeline', (o) => {
      expect(o.header.Authorization).toBe('Bearer t');
      return String(o.url).indexOf('cursor=c1') >= 0
        ? { data: { items: [notice(3), notice(2)], nextCursor: null } }
        : { data: { items: [notice(5), notice(4)], nextCursor: 'c1' } };
    });
    const comp = await open();
    expect(titles(comp)).toEqual(['通知 5', '通知 4']);
    expect(comp.dom!.innerHTML).toContain('2020年3月1日 09:05');

    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush();
    expect(timelineQueries()).toEqual(['', 'cursor=c1']);
    expect(titles(comp)).toEqual(['通知 5', '通知 4', '通知 3', '通知 2']);
    expect(comp.querySelector('.load-more')).toBeFalsy();
    expect(comp.dom!.innerHTML).toContain('没有更早的消息了');
  });

  it('on pull-down asks only for newer notices (after the newest shown) and puts them on top', async () => {
    fakeWx().routes.set('GET /api/v1/me/timeline', (o) =>
      String(o.url).indexOf('after=5') >= 0
        ? { data: { items: [notice(7), notice(6)], nextCursor: null } }
        : { data: { items: [notice(5), notice(4)], nextCursor: null } },
    );
    const comp = await open();
    await (comp.instance as any).onPullDownRefresh();
    await flush();
    expect(timelineQueries()[1]).toMatch(/^after=5(&|$)/);
    expect(titles(comp)).toEqual(['通知 7', '通知 6', '通知 5', '通知 4']);
    expect(fakeWx().calls.filter((c) => c.api === 'stopPullDownRefresh')).toHaveLength(1);
  });

  it('starts over when more arrived than one refresh brings', async () => {
    let first = true;
    fakeWx().routes.set('GET /api/v1/me/timeline', (o) => {
      if (String(o.url).indexOf('after=') >= 0) return { data: { items: [notice(90), notice(89)], nextCursor: 'gap' } };
      if (first) {
        first = false;
        return { data: { items: [notice(5)], nextCursor: null } };
      }
      return { data: { items: [notice(90), notice(89)], nextCursor: 'c2' } };
    });
    const comp = await open();
    await (comp.instance as any).onPullDownRefresh();
    await flush();
    expect(titles(comp)).toEqual(['通知 90', '通知 89']);
    expect(comp.querySelector('.load-more')).toBeTruthy();
  });

  it('opens a notice’s page, adding the leading slash when missing', async () => {
    fakeWx().routes.set('GET /api/v1/me/timeline', () => ({
      data: { items: [notice(2, 'packages/card/pages/application/application?id=4'), notice(1)], nextCursor: null },
    }));
    const comp = await open();
    const cards = comp.querySelectorAll('.notice');
    cards[1].dispatchEvent('tap');
    cards[0].dispatchEvent('tap');
    await flush();
    const navs = fakeWx().calls.filter((c) => c.api === 'navigateTo');
    expect(navs).toHaveLength(1);
    expect(navs[0].options.url).toBe('/packages/card/pages/application/application?id=4');
  });

  it('says when there is nothing yet, and shows a failure in plain words', async () => {
    fakeWx().routes.set('GET /api/v1/me/timeline', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await open();
    expect(textOf(comp, '.state-empty')).toContain('暂时没有消息');

    fakeWx().routes.set('GET /api/v1/me/timeline', () => 'fail');
    const failed = await open();
    expect(textOf(failed, '.state-error')).toContain('网络不可用，请检查网络后重试');
    expect(failed.querySelector('.state-empty')).toBeFalsy();

    // 重试 loads again.
    fakeWx().routes.set('GET /api/v1/me/timeline', () => ({ data: { items: [notice(1)], nextCursor: null } }));
    failed.querySelector('.state-error')!.dispatchEvent('action');
    await flush();
    expect(titles(failed)).toEqual(['通知 1']);
    expect(failed.querySelector('.state-error')).toBeFalsy();
  });

  it('shows a loading state first, and keeps what is shown when older notices fail to load', async () => {
    let older: 'fail' | 'ok' = 'fail';
    fakeWx().routes.set('GET /api/v1/me/timeline', (o) => {
      if (String(o.url).indexOf('cursor=c1') < 0) return { data: { items: [notice(5), notice(4)], nextCursor: 'c1' } };
      return older === 'fail' ? 'fail' : { data: { items: [notice(4), notice(3)], nextCursor: null } };
    });
    const comp = simulate.render(pageId);
    comp.attach(document.createElement('parent-wrapper'));
    (comp.instance as any).onLoad({});
    expect(comp.querySelector('.state-loading')).toBeTruthy();
    await flush();
    expect(comp.querySelector('.state-loading')).toBeFalsy();

    (comp.instance as any).onReachBottom();
    await flush();
    expect(titles(comp)).toEqual(['通知 5', '通知 4']);
    expect(textOf(comp, '.more-error')).toBe('网络不可用，请检查网络后重试');
    expect(comp.querySelector('.load-more')).toBeTruthy();

    // Asked again, the older ones come; one already shown is not shown twice.
    older = 'ok';
    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush();
    expect(titles(comp)).toEqual(['通知 5', '通知 4', '通知 3']);
    expect(comp.querySelector('.more-error')).toBeFalsy();
  });

  it('follows WeChat’s font size through page-meta', async () => {
    fakeWx().routes.set('GET /api/v1/me/timeline', () => ({ data: { items: [], nextCursor: null } }));
    const wx = (globalThis as any).wx;
    const before = wx.getAppBaseInfo;
    wx.getAppBaseInfo = () => ({ fontSizeScaleFactor: 1.4 });
    try {
      const comp = await open();
      expect((comp.instance as any).data.rootFontSize).toBe('23.8px');
    } finally {
      wx.getAppBaseInfo = before;
    }
  });
});
