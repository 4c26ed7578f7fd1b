import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { openPage, textOf } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const redemptionsId = simulate.load(path.join(root, 'packages/merchant-portal/pages/redemptions/redemptions'), {
  rootPath: root,
});

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const row = (id: number) => ({
  id,
  at: '2026-03-01T10:00:00.000+08:00',
  holder: { nameMasked: '张*', category: 'duty_death_family' },
  offer: { id: 1, title: '堂食九折' },
});

describe('核验记录', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['merchant_clerk'], via: 'password' });
  });

  it('shows today’s count, the list a page at a time, and more with the cursor', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/redemptions', (o) =>
      String(o.url).indexOf('cursor=k1') >= 0
        ? { data: { items: [row(1)], nextCursor: null, daily: [] } }
        : {
            data: {
              items: [row(3), row(2)],
              nextCursor: 'k1',
              daily: [
                { day: today(), count: 7 },
                { day: '2000-01-01', count: 2 },
              ],
            },
          },
    );
    const comp = await openPage(redemptionsId);
    expect(textOf(comp, '.today-count')).toContain('7');
    expect(comp.querySelectorAll('.redemption')).toHaveLength(2);
    expect(comp.dom!.innerHTML).toContain('因公牺牲军人遗属');
    expect(comp.querySelector('.load-more')).toBeTruthy();

    comp.querySelector('.load-more')!.dispatchEvent('press');
    await flush();
    expect(comp.querySelectorAll('.redemption')).toHaveLength(3);
    // Loading more keeps today's count as the first page said it.
    expect(textOf(comp, '.today-count')).toContain('7');
    expect(textOf(comp, '.end')).toBe('没有更早的记录了');
    (comp.instance as any).onReachBottom();
    await flush();
    const asked = fakeWx()
      .calls.filter((c) => c.api === 'request')
      .map((c) => String(c.options.url));
    expect(asked.filter((u) => u.indexOf('cursor=k1') >= 0)).toHaveLength(1);
  });

  it('says so when there is nothing yet, with today at zero', async () => {
    fakeWx().routes.set('GET /api/v1/merchant/redemptions', () => ({
      data: { items: [], nextCursor: null, daily: [] },
    }));
    const comp = await openPage(redemptionsId);
    expect(textOf(comp, '.today-count')).toContain('0');
    expect(comp.dom!.innerHTML).toContain('还没有核验记录');
  });

  it('says what went wrong and tries again on request', async () => {
    let fail = true;
    fakeWx().routes.set('GET /api/v1/merchant/redemptions', () =>
      fail
        ? { statusCode: 403, data: { error: { code: 'FORBIDDEN', message: '您不是联盟商户的成员' } } }
        : { data: { items: [row(1)], nextCursor: null, daily: [] } },
    );
    const comp = await openPage(redemptionsId);
    expect(comp.dom!.innerHTML).toContain('您不是联盟商户的成员');
    fail = false;
    (comp.instance as any).reload();
    await flush();
    expect(comp.querySelectorAll('.redemption')).toHaveLength(1);
  });
});
