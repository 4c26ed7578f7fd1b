import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { calls, openPage, requests, textOf, type Rendered } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/merchant-portal/pages/clerks/clerks'), { rootPath: root });

const clerk = (accountId: number, displayName: string) => ({
  accountId,
  username: `clerk${accountId}`,
  displayName,
  since: '2026-03-01T10:00:00.000+08:00',
});

const type = (comp: Rendered, selector: string, value: string) =>
  comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });

describe('店员管理', () => {
  let clerks: Array<ReturnType<typeof clerk>>;
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['merchant_owner'], via: 'wechat' });
    clerks = [clerk(11, '收银员小王')];
    fakeWx().routes.set('GET /api/v1/merchant/clerks', () => ({ data: { items: clerks, nextCursor: null } }));
  });

  it('lists the clerks with their login names', async () => {
    const comp = await openPage(pageId);
    expect(textOf(comp, '.clerk-name')).toBe('收银员小王');
    expect(textOf(comp, '.clerk .clerk-line')).toBe('登录名：clerk11');
  });

  it('adds a clerk and says what to hand over', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/clerks', (o) => {
      clerks = clerks.concat(clerk(12, o.data.displayName));
      return { statusCode: 201, data: { id: 12 } };
    });
    const comp = await openPage(pageId);
    comp.querySelector('.open-add')!.dispatchEvent('press');
    await flush(1);
    type(comp, '.name-input', '收银员小李');
    type(comp, '.username-input', 'laobing02');
    type(comp, '.password-input', 'counter-pass-2026');
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush(10);
    expect(requests('POST', '/api/v1/merchant/clerks')[0].options.data).toEqual({
      displayName: '收银员小李',
      username: 'laobing02',
      password: 'counter-pass-2026',
    });
    expect(textOf(comp, '.added')).toContain('laobing02');
    expect(comp.querySelectorAll('.clerk')).toHaveLength(2);
    expect(comp.querySelector('.add-form')).toBeFalsy();
  });

  it('checks the details first, and says when the login name is taken', async () => {
    fakeWx().routes.set('POST /api/v1/merchant/clerks', () => ({
      statusCode: 409,
      data: { error: { code: 'USERNAME_TAKEN', message: '该用户名已被使用' } },
    }));
    const comp = await openPage(pageId);
    comp.querySelector('.open-add')!.dispatchEvent('press');
    await flush(1);
    type(comp, '.username-input', '小王');
    type(comp, '.password-input', 'short');
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-displayName')).toContain('称呼');
    expect(textOf(comp, '.err-username')).toContain('字母或数字');
    expect(textOf(comp, '.err-password')).toContain('至少 10 位');
    expect(requests('POST', '/api/v1/merchant/clerks')).toHaveLength(0);

    type(comp, '.name-input', '收银员小李');
    type(comp, '.username-input', 'clerk11');
    type(comp, '.password-input', 'counter-pass-2026');
    comp.querySelector('.save')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.err-username')).toBe('这个登录名已被使用，请换一个');
  });

  it('removes a clerk only after the owner confirms', async () => {
    fakeWx().routes.set('DELETE /api/v1/merchant/clerks/11', () => {
      clerks = [];
      return { statusCode: 204 };
    });
    let confirm = false;
    fakeWx().on('showModal', (o) => setTimeout(() => o.success({ confirm, cancel: !confirm }), 0));
    const comp = await openPage(pageId);
    comp.querySelector('.remove')!.dispatchEvent('press');
    await flush();
    expect(calls('showModal')[0].options.content).toContain('收银员小王');
    expect(requests('DELETE', '/api/v1/merchant/clerks/11')).toHaveLength(0);

    confirm = true;
    comp.querySelector('.remove')!.dispatchEvent('press');
    await flush(10);
    expect(requests('DELETE', '/api/v1/merchant/clerks/11')).toHaveLength(1);
    expect(comp.querySelector('.clerk')).toBeFalsy();
    expect(comp.dom!.innerHTML).toContain('还没有店员');
  });
});
