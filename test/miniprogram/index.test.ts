import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

const page = path.join(__dirname, '../../miniprogram/pages/index/index');

describe('home', () => {
  beforeEach(() => fakeWx().reset());

  it('offers the services as tiles, and the merchant corner only to merchant staff', async () => {
    const id = simulate.load(page);
    const comp = simulate.render(id);
    comp.attach(document.createElement('parent-wrapper'));
    (comp.instance as any).onShow();
    await flush();
    expect(comp.querySelectorAll('.tile')).toHaveLength(4);
    expect(comp.dom!.innerHTML).not.toContain('商户核验');

    saveSession({ accessToken: 't', refreshToken: 'r', userId: 1, roles: ['merchant_clerk'], via: 'password' });
    (comp.instance as any).onShow();
    await flush();
    expect(comp.dom!.innerHTML).toContain('商户核验');

    comp.querySelectorAll('.tile')[0].dispatchEvent('tap');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')?.options.url).toBe('/packages/card/pages/card/card');
    expect(comp.querySelector('.provider-corner')).toBeFalsy();

    // A lawyer or mediator reaches their own appointments from home.
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 2, roles: ['lawyer'], via: 'password' });
    (comp.instance as any).onShow();
    await flush();
    comp.querySelector('.provider-corner')!.dispatchEvent('tap');
    await flush();
    expect(
      fakeWx()
        .calls.filter((c) => c.api === 'navigateTo')
        .map((c) => c.options.url),
    ).toContain('/packages/legal-aid/pages/desk/desk');
  });
});
