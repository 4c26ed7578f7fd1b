import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { provider, at } from './fixtures';
import { loadPage, openPage, calls } from './harness';

const providerId = loadPage('packages/legal-aid/pages/provider/provider');
const open = openPage;

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
          {
            id: 1,
            startsAt: at(1, 9),
            endsAt: at(1, 10),
            remaining: 2,
            serviceTypes: ['consultation'],
            modes: ['onsite', 'phone'],
          },
          {
            id: 2,
            startsAt: at(1, 10),
            endsAt: at(1, 11),
            remaining: 0,
            serviceTypes: ['consultation', 'legal_aid'],
            modes: ['phone'],
          },
          {
            id: 3,
            startsAt: at(3, 14),
            endsAt: at(3, 15),
            remaining: 1,
            serviceTypes: ['legal_aid'],
            modes: ['onsite'],
          },
        ],
      },
    }));
    const comp = await open(providerId, { id: '4', serviceType: 'legal_aid' });
    const labels = comp.querySelectorAll('.day-label').map((n) => n.dom!.textContent!);
    expect(labels).toHaveLength(2);
    expect(labels[0]).toBe('明天');
    expect(labels[1]).toMatch(/年.+月.+日 周/);
    expect(comp.querySelectorAll('.slot-places').map((n) => n.dom!.textContent)).toEqual([
      '余 2 位',
      '候补',
      '余 1 位',
    ]);
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
