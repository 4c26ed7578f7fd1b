import {
  actingHeader,
  currentActing,
  servicesOfPath,
  startActing,
  stopActing,
} from '../../miniprogram/services/acting';
import { ApiError, download, request, upload } from '../../miniprogram/services/request';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx } from './fake';

/**
 * 为家人代办 in the request wrapper: `X-Acting-For` goes only with the requests of the services the
 * holder granted, exactly the server's `proxy` routes, never with anything else; a refusal because
 * the link ended ends the acting mode.
 */
describe('acting for a family member in requests', () => {
  const wx = fakeWx();
  const acting = { linkId: 3, holderAccountId: 42, name: '王**', services: ['appeals' as const] };
  beforeEach(() => {
    wx.reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  /** The headers of the last request to `path`. */
  const headerOf = (path: string) =>
    wx.calls.filter((c) => c.api === 'request' && String(c.options.url).endsWith(path)).pop()!.options.header;

  it('maps the paths the server lets a family member use to their service, and nothing else', () => {
    const expected: Array<[string, string[]]> = [
      ['/api/v1/appeals', ['appeals']],
      ['/api/v1/appeals/mine?limit=20', ['appeals']],
      ['/api/v1/appeals/categories', ['appeals']],
      ['/api/v1/appeals/12/rate', ['appeals']],
      ['/api/v1/card-applications', ['card']],
      ['/api/v1/card-applications/mine', ['card']],
      ['/api/v1/card-applications/8', ['card']],
      ['/api/v1/card-applications/8/submit', ['card']],
      ['/api/v1/card-applications/8/withdraw', ['card']],
      ['/api/v1/me/card', ['card']],
      ['/api/v1/me/card/report-lost', ['card']],
      ['/api/v1/legal-aid/appointments', ['legal_aid']],
      ['/api/v1/legal-aid/appointments/mine', ['legal_aid']],
      ['/api/v1/legal-aid/appointments/5/cancel', ['legal_aid']],
      // The holder's alone, or the family member's own.
      ['/api/v1/card-applications/eligibility', []],
      ['/api/v1/me/card/qr-token', []],
      ['/api/v1/legal-aid/appointments/5/review', []],
      ['/api/v1/legal-aid/waitlist', []],
      ['/api/v1/me', []],
      ['/api/v1/me/identity', []],
      ['/api/v1/me/consent', []],
      ['/api/v1/me/data', []],
      ['/api/v1/me/deletion', []],
      ['/api/v1/proxies/mine', []],
      ['/api/v1/chat/messages', []],
      // The holder's photo and documents serve the card application and appeals alike.
      ['/api/v1/files', ['card', 'appeals']],
      ['/api/v1/files/31', ['card', 'appeals']],
    ];
    expect(expected.map(([p]) => [p, servicesOfPath(p)])).toEqual(expected);
  });

  it('sends no header when not acting', async () => {
    wx.routes.set('GET /api/v1/appeals/mine', () => ({ data: { items: [], nextCursor: null } }));
    await request('/api/v1/appeals/mine');
    expect(headerOf('/api/v1/appeals/mine')['X-Acting-For']).toBeUndefined();
    expect(currentActing()).toBeNull();
  });

  it('sends the holder’s account only with the granted services’ requests', async () => {
    startActing(acting);
    wx.routes.set('GET /api/v1/appeals/mine', () => ({ data: { items: [], nextCursor: null } }));
    wx.routes.set('GET /api/v1/me/card', () => ({ data: {} }));
    wx.routes.set('GET /api/v1/me', () => ({ data: { id: 7 } }));
    await request('/api/v1/appeals/mine');
    await request('/api/v1/me/card');
    await request('/api/v1/me');
    expect(headerOf('/api/v1/appeals/mine')).toMatchObject({ Authorization: 'Bearer t', 'X-Acting-For': '42' });
    // Not granted: the card stays the family member's own request.
    expect(headerOf('/api/v1/me/card')['X-Acting-For']).toBeUndefined();
    expect(headerOf('/api/v1/me')['X-Acting-For']).toBeUndefined();
    expect(actingHeader('/api/v1/appeals')).toEqual({ 'X-Acting-For': '42' });
    // A document for the appeal: any one of the path's services granted will do.
    expect(actingHeader('/api/v1/files')).toEqual({ 'X-Acting-For': '42' });
    startActing({ ...acting, services: ['legal_aid'] });
    expect(actingHeader('/api/v1/files')).toEqual({});
    stopActing();
    expect(actingHeader('/api/v1/appeals')).toEqual({});
  });

  it('uploads and downloads the holder’s files as the holder when a service using them is granted', async () => {
    startActing(acting);
    await upload('/api/v1/files', 'wxfile://doc.pdf', { purpose: 'document' }).catch(() => undefined);
    await download('/api/v1/files/31').catch(() => undefined);
    const sent = wx.calls.filter((c) => c.api === 'uploadFile' || c.api === 'downloadFile');
    expect(sent.map((c) => c.options.header['X-Acting-For'])).toEqual(['42', '42']);
  });

  it('ends acting when the server says the link no longer allows it', async () => {
    startActing(acting);
    wx.routes.set('POST /api/v1/appeals', () => ({
      statusCode: 403,
      data: { error: { code: 'PROXY_NOT_ALLOWED', message: '您不能代家人办理这项业务，请确认家人已授权' } },
    }));
    await expect(request('/api/v1/appeals', { method: 'POST', data: {} })).rejects.toEqual(
      new ApiError(403, 'PROXY_NOT_ALLOWED', '您不能代家人办理这项业务，请确认家人已授权'),
    );
    expect(currentActing()).toBeNull();
  });

  it('never sends the header without a login (logging in, refreshing)', async () => {
    startActing(acting);
    wx.reset();
    startActing(acting);
    wx.loginCodes.push('c1');
    wx.routes.set('POST /api/v1/auth/wechat-login', () => ({
      data: { accessToken: 'n', refreshToken: 'rn', user: { id: 7, roles: ['holder'] } },
    }));
    wx.routes.set('GET /api/v1/appeals/mine', () => ({ data: { items: [], nextCursor: null } }));
    await request('/api/v1/appeals/mine');
    expect(headerOf('/api/v1/auth/wechat-login')['X-Acting-For']).toBeUndefined();
    expect(headerOf('/api/v1/appeals/mine')['X-Acting-For']).toBe('42');
  });
});
