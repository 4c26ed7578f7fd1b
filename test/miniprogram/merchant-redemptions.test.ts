import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { loadPage, openPage, textOf } from './harness';

const redemptionsId = loadPage('packages/merchant-portal/pages/redemptions/redemptions');
const open = openPage;

describe('核验记录', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('redemptions: today’s count, the list, and more with the cursor', async () => {
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const row = (id: number) => ({
      id,
      at: '2026-03-01T10:00:00.000+08:00',
      holder: { nameMasked: '张*', category: 'duty_death_family' },
      offer: { id: 1, title: '堂食九折' },
    });
    fakeWx().routes.set('GET /api/v1/merchant/redemptions', (o) =>
      String(o.url).indexOf('cursor=k1') >= 0
        ? { data: { items: [row(1)], nextCursor: null, daily: [] } }
        : {
            data: {
              items: [row(3), row(2)],
              nextCursor: 'k1',
              daily: [
                { day: today, count: 7 },
                { day: '2000-01-01', count: 2 },
              ],
            },
          },
    );
    const comp = await open(redemptionsId);
    expect(textOf(comp, '.today-count')).toContain('7');
    expect(comp.querySelectorAll('.redemption')).toHaveLength(2);
    expect(comp.dom!.innerHTML).toContain('因公牺牲军人遗属');
    (comp.instance as any).onReachBottom();
    await flush();
    expect(comp.querySelectorAll('.redemption')).toHaveLength(3);
  });
});
