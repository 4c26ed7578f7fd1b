import { config } from '../../miniprogram/config';
import { askSubscribe } from '../../miniprogram/services/notifications';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx } from './fake';

describe('subscribe-message requests', () => {
  const wx = fakeWx();
  beforeEach(() => {
    wx.reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 1, roles: ['holder'], via: 'wechat' });
    config.templateIds.application_status = 'TPL_A';
    config.templateIds.appointment_reminder = 'TPL_B';
    config.templateIds.service_notice = '';
  });

  it('asks for the configured templates and reports the choices to the server by template key', async () => {
    wx.on('requestSubscribeMessage', (o) =>
      setTimeout(() => o.success({ TPL_A: 'accept', TPL_B: 'reject', errMsg: 'ok' }), 0),
    );
    let sent: any;
    wx.routes.set('POST /api/v1/me/subscriptions', (o) => {
      sent = o.data;
      return { data: { grants: { application_status: 1, appointment_reminder: 0, service_notice: 0 } } };
    });
    const grants = await askSubscribe(['application_status', 'appointment_reminder', 'service_notice']);
    expect(wx.calls.find((c) => c.api === 'requestSubscribeMessage')!.options.tmplIds).toEqual(['TPL_A', 'TPL_B']);
    expect(sent).toEqual({ results: { application_status: 'accept', appointment_reminder: 'reject' } });
    expect(grants).toEqual({ application_status: 1, appointment_reminder: 0, service_notice: 0 });
  });

  it('never fails the action it follows', async () => {
    wx.on('requestSubscribeMessage', (o) => setTimeout(() => o.fail({ errMsg: 'requestSubscribeMessage:fail' }), 0));
    await expect(askSubscribe(['application_status'])).resolves.toBeNull();
    config.templateIds.application_status = '';
    await expect(askSubscribe(['application_status'])).resolves.toBeNull();
    expect(wx.calls.filter((c) => c.api === 'requestSubscribeMessage')).toHaveLength(1);
  });
});
