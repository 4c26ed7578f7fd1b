import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent;
const load = (p: string) => simulate.load(path.join(__dirname, '../../miniprogram/packages/legal-aid/pages', p));

const providerId = load('provider/provider');

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

describe('a provider’s free times', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('provider: free times by day, a full one shown as 候补, and a tap opens booking with the slot’s lists', async () => {
    fakeWx().routes.set('GET /api/v1/legal-aid/providers/4', () => ({ data: provider }));
    fakeWx().routes.set('GET /api/v1/legal-aid/providers/4/slots', () => ({
      data: {
        items: [
          { id: 1, startsAt: at(1, 9), endsAt: at(1, 10), remaining: 2, serviceTypes: ['consultation'], modes: ['onsite', 'phone'] },
          { id: 2, startsAt: at(1, 10), endsAt: at(1, 11), remaining: 0, serviceTypes: ['consultation', 'legal_aid'], modes: ['phone'] },
          { id: 3, startsAt: at(3, 14), endsAt: at(3, 15), remaining: 1, serviceTypes: ['legal_aid'], modes: ['onsite'] },
        ],
      },
    }));
    const comp = await open(providerId, { id: '4', serviceType: 'legal_aid' });
    const labels = comp.querySelectorAll('.day-label').map((n) => n.dom!.textContent!);
    expect(labels).toHaveLength(2);
    expect(labels[0]).toBe('明天');
    expect(labels[1]).toMatch(/年.+月.+日 周/);
    expect(comp.querySelectorAll('.slot-places').map((n) => n.dom!.textContent)).toEqual(['余 2 位', '候补', '余 1 位']);
    expect(comp.querySelectorAll('.slot-full')).toHaveLength(1);

    comp.querySelectorAll('.slot')[1].dispatchEvent('tap');
    await flush();
    const url = String(calls('navigateTo')[0].options.url);
    expect(url.indexOf('/packages/legal-aid/pages/book/book?slotId=2&')).toBe(0);
    expect(url).toContain('serviceTypes=consultation,legal_aid');
    expect(url).toContain('modes=phone');
    expect(url).toContain('full=1');
  });
});
