import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent;
const load = (p: string) => simulate.load(path.join(__dirname, '../../miniprogram/packages/legal-aid/pages', p));

const providersId = load('providers/providers');

async function open(id: string, query: Record<string, string> = {}) {
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad(query);
  await flush(10);
  return comp;
}

const calls = (api: string) => fakeWx().calls.filter((c) => c.api === api);
const requests = (method: string, part: string) => calls('request').filter((c) => c.options.method === method && String(c.options.url).indexOf(part) >= 0);

const provider = {
  id: 4,
  name: '王律师',
  kind: 'lawyer',
  firm: '某某律师事务所',
  photoFileId: null,
  specialties: ['劳动争议', '婚姻家事'],
  serviceTypes: ['consultation', 'legal_aid'],
  modes: ['onsite', 'phone'],
  languages: ['普通话'],
  intro: '',
  averageRating: 4.8,
  ratingCount: 12,
  servedCount: 30,
};

/** An ISO time in Beijing, `days` from today at `hh:00`. */
function at(days: number, hh: number): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  const day = d.toISOString().slice(0, 10);
  return `${day}T${hh < 10 ? `0${hh}` : hh}:00:00.000+08:00`;
}

describe('法律服务: providers by service type', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('providers: one tab per service type, asked for by serviceType', async () => {
    fakeWx().routes.set('GET /api/v1/legal-aid/providers', () => ({ data: { items: [provider], nextCursor: null } }));
    const comp = await open(providersId);
    expect(comp.querySelectorAll('.tab').map((n) => n.dom!.textContent)).toEqual(['法律咨询', '法律援助', '人民调解', '心理疏导']);
    expect(String(calls('request')[0].options.url)).toContain('serviceType=consultation');
    expect(textOf(comp, '.rating')).toBe('评分 4.8（12 人评价）');
    expect(textOf(comp, '.served')).toBe('已服务 30 人次');

    comp.querySelectorAll('.tab')[2].dispatchEvent('tap');
    await flush();
    expect(String(calls('request')[1].options.url)).toContain('serviceType=mediation');

    comp.querySelector('.provider')!.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo')[0].options.url).toBe('/packages/legal-aid/pages/provider/provider?id=4&serviceType=mediation');
  });
});
