import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent;
const load = (p: string) => simulate.load(path.join(__dirname, '../../miniprogram/packages', p));

const redemptionsId = load('merchant-portal/pages/redemptions/redemptions');

async function open(id: string, query: Record<string, string> = {}) {
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad(query);
  await flush(10);
  return comp;
}

const calls = (api: string) => fakeWx().calls.filter((c) => c.api === api);

const merchant = {
  id: 5,
  name: '老兵面馆',
  category: { id: 2, name: '餐饮' },
  address: '解放路 5 号',
  lat: 30.27,
  lng: 120.15,
  contactPhone: '0571-88888888',
  intro: '三十年老店',
  distanceM: null,
  offers: [
    {
      id: 50,
      title: '堂食九折',
      description: '酒水除外',
      kind: 'discount',
      discountText: '九折',
      priceFen: null,
      faceValueFen: null,
      perPersonDailyLimit: 1,
      eligibleCategories: ['veteran', 'martyr_family'],
      validFrom: '2026-01-01T00:00:00.000+08:00',
      validTo: '2026-12-31T23:59:59.000+08:00',
      status: 'active',
    },
  ],
};

describe('核验记录', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('redemptions: today’s count, the list, and more with the cursor', async () => {
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const row = (id: number) => ({ id, at: '2026-03-01T10:00:00.000+08:00', holder: { nameMasked: '张*', category: 'duty_death_family' }, offer: { id: 1, title: '堂食九折' } });
    fakeWx().routes.set('GET /api/v1/merchant/redemptions', (o) =>
      String(o.url).indexOf('cursor=k1') >= 0
        ? { data: { items: [row(1)], nextCursor: null, daily: [] } }
        : { data: { items: [row(3), row(2)], nextCursor: 'k1', daily: [{ day: today, count: 7 }, { day: '2000-01-01', count: 2 }] } },
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
