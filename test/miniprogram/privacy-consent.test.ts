import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { asHolder, calls, requests, type Rendered } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/people/pages/consent/consent'), { rootPath: root });
const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

const consent = (over: Record<string, unknown> = {}) => ({
  currentVersion: '2026-11',
  agreedVersion: null,
  agreedAt: null,
  text: {
    title: '敏感个人信息处理同意书',
    intro: '为给您办理退役军人优待证等服务……',
    items: [
      { key: 'identity', title: '姓名、身份证号码、手机号码', detail: '用途：确认是您本人。' },
      { key: 'photos', title: '证件照片', detail: '用途：制作优待证。' },
    ],
  },
  ...over,
});

async function open(query: Record<string, string> = {}) {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad(query);
  await flush(10);
  return comp;
}

describe('个人信息同意书', () => {
  beforeEach(() => {
    asHolder();
    fakeWx().routes.set('GET /api/v1/me/consent', () => ({ data: consent() }));
  });

  it('shows the text item by item, with 同意并继续 and 不同意', async () => {
    const comp = await open();
    expect(textOf(comp, '.consent-title')).toBe('敏感个人信息处理同意书');
    expect(comp.querySelectorAll('.item')).toHaveLength(2);
    expect(textOf(comp, '.item-photos')).toContain('证件照片');
    expect(textOf(comp, '.agree')).toBe('同意并继续');
    expect(textOf(comp, '.decline')).toBe('不同意');
    expect((comp.querySelector('.agree') as any).instance.data.look).toBe('primary');
    expect((comp.instance as any).data.rootFontSize).toMatch(/px$/);
  });

  it('agrees to the version shown, then goes back', async () => {
    let sent: any;
    fakeWx().routes.set('POST /api/v1/me/consent', (o) => {
      sent = o.data;
      return {
        statusCode: 201,
        data: { version: '2026-11', action: 'agree', items: ['identity'], at: '2026-11-29T10:00:00.000+08:00' },
      };
    });
    const comp = await open();
    comp.querySelector('.agree')!.dispatchEvent('press');
    await flush();
    expect(sent).toEqual({ version: '2026-11' });
    expect(calls('navigateBack')).toHaveLength(1);
  });

  it('opens ?next= after agreeing', async () => {
    fakeWx().routes.set('POST /api/v1/me/consent', () => ({
      statusCode: 201,
      data: { version: '2026-11', action: 'agree', items: [], at: '2026-11-29T10:00:00.000+08:00' },
    }));
    const comp = await open({ next: encodeURIComponent('/packages/card/pages/apply/apply') });
    comp.querySelector('.agree')!.dispatchEvent('press');
    await flush();
    expect(calls('redirectTo').map((c) => c.options.url)).toEqual(['/packages/card/pages/apply/apply']);
  });

  it('shows the new text when it changed meanwhile (CONSENT_VERSION_STALE), and stays', async () => {
    let version = '2026-11';
    fakeWx().routes.set('GET /api/v1/me/consent', () => ({ data: consent({ currentVersion: version }) }));
    fakeWx().routes.set('POST /api/v1/me/consent', () => {
      version = '2027-01';
      return {
        statusCode: 409,
        data: { error: { code: 'CONSENT_VERSION_STALE', message: '同意书已更新，请重新阅读后再同意' } },
      };
    });
    const comp = await open();
    comp.querySelector('.agree')!.dispatchEvent('press');
    await flush(10);
    expect(textOf(comp, '.notice')).toBe('同意书已更新，请重新阅读后再同意');
    expect(textOf(comp, '.version')).toContain('2027-01');
    expect(calls('navigateBack')).toHaveLength(0);
  });

  it('不同意 records nothing, says what will not work, and goes back', async () => {
    fakeWx().on('showModal', (o: any) => {
      o.success?.({ confirm: true, cancel: false });
      o.complete?.({});
    });
    const comp = await open();
    comp.querySelector('.decline')!.dispatchEvent('press');
    await flush();
    expect(requests('POST', '/api/v1/me/consent')).toHaveLength(0);
    expect(calls('showModal')[0].options.content).toContain('不能登记身份');
    expect(calls('navigateBack')).toHaveLength(1);
  });

  it('for a holder who agreed already: says when, and offers only 返回', async () => {
    fakeWx().routes.set('GET /api/v1/me/consent', () => ({
      data: consent({ agreedVersion: '2026-11', agreedAt: '2026-11-20T10:00:00.000+08:00' }),
    }));
    const comp = await open();
    expect(comp.querySelector('.agree')).toBeFalsy();
    expect(textOf(comp, '.agreed-text')).toContain('2026');
    expect(comp.querySelector('.back')).toBeTruthy();
  });

  it('an agreement to an older text counts as none: asks again', async () => {
    fakeWx().routes.set('GET /api/v1/me/consent', () => ({
      data: consent({ agreedVersion: '2025-01', agreedAt: '2025-01-20T10:00:00.000+08:00' }),
    }));
    const comp = await open();
    expect(comp.querySelector('.agree')).toBeTruthy();
    expect(comp.querySelector('.agreed-box')).toBeFalsy();
  });

  it('says so when the text cannot be loaded, with 重试', async () => {
    fakeWx().routes.set('GET /api/v1/me/consent', () => 'fail');
    const comp = await open();
    expect(textOf(comp, '.load-error')).toContain('网络不可用');
  });
});
