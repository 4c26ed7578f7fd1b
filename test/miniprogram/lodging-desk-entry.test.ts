import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { calls, loadPage, openPage } from './harness';

const pageId = loadPage('packages/merchant-portal/pages/home/home');

const me = {
  data: {
    role: 'clerk',
    merchant: {
      id: 5,
      name: '拥军酒店',
      licenseNo: '91330102MA2800004X',
      licenseFileId: null,
      categoryId: 2,
      address: '杭州市上城区拥军路 29 号',
      lat: 30.27,
      lng: 120.15,
      contactPhone: '0571-86000524',
      intro: null,
      status: 'active',
      reason: null,
      upheldComplaints: 0,
      ownerAccountId: 9,
      createdAt: '2026-03-01T10:00:00.000+08:00',
      reviewedAt: '2026-03-02T10:00:00.000+08:00',
    },
  },
};

describe('店铺管理: the 驿站 desk entry', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 9, roles: ['merchant_clerk'], via: 'password' });
    fakeWx().routes.set('GET /api/v1/merchant/me', () => me);
  });

  it('shows the desk to the owner and clerks of a shop that is a 驿站', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/desk', () => ({
      data: { isHotel: true, hotelId: 3, hotelName: '拥军酒店（军人驿站）' },
    }));
    const comp = await openPage(pageId);
    comp.querySelector('.lodging-desk-entry')!.dispatchEvent('tap');
    await flush(1);
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual([
      '/packages/merchant-portal/pages/lodging-desk/lodging-desk',
    ]);
  });

  it('hides it from any other shop, and when it cannot be told', async () => {
    fakeWx().routes.set('GET /api/v1/lodging/desk', () => ({
      data: { isHotel: false, hotelId: null, hotelName: null },
    }));
    const comp = await openPage(pageId);
    expect(comp.querySelector('.scan-entry')).toBeTruthy();
    expect(comp.querySelector('.lodging-desk-entry')).toBeFalsy();

    fakeWx().routes.set('GET /api/v1/lodging/desk', () => 'fail');
    const again = await openPage(pageId);
    expect(again.querySelector('.scan-entry')).toBeTruthy();
    expect(again.querySelector('.lodging-desk-entry')).toBeFalsy();
  });
});
