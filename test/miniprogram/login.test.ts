import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { loadSession, saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

/** The text of the first element matching `selector`, or undefined when there is none. */
const textOf = (comp: ReturnType<typeof simulate.render>, selector: string) =>
  comp.querySelector(selector)?.dom?.textContent;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'pages/login/login'), { rootPath: root });

async function open() {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onShow();
  await flush();
  return comp;
}

async function logIn(comp: ReturnType<typeof simulate.render>, username: string, password: string) {
  comp.querySelector('#username')!.dispatchEvent('input', { detail: { value: username } });
  comp.querySelector('#password')!.dispatchEvent('input', { detail: { value: password } });
  comp.querySelector('.submit')!.dispatchEvent('press');
  await flush();
}

describe('账号登录', () => {
  beforeEach(() => fakeWx().reset());

  it('logs staff in with their password and goes home', async () => {
    let sent: any;
    fakeWx().routes.set('POST /api/v1/auth/password-login', (o) => {
      sent = o.data;
      return { data: { accessToken: 'a', refreshToken: 'b', user: { id: 3, roles: ['station_staff'] } } };
    });
    const comp = await open();
    expect(comp.querySelector('.sign-out')).toBeFalsy();
    await logIn(comp, ' station1 ', 'secret-password');
    expect(sent).toEqual({ username: 'station1', password: 'secret-password' });
    expect(loadSession()).toMatchObject({ accessToken: 'a', via: 'password', roles: ['station_staff'] });
    expect(fakeWx().calls.find((c) => c.api === 'reLaunch')!.options.url).toBe('/pages/index/index');
  });

  it('shows the server’s message for wrong credentials and for too many attempts', async () => {
    const comp = await open();
    fakeWx().routes.set('POST /api/v1/auth/password-login', () => ({
      statusCode: 401,
      data: { error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } },
    }));
    await logIn(comp, 'station1', 'wrong');
    expect(textOf(comp, '.login-error')).toBe('用户名或密码错误');

    fakeWx().routes.set('POST /api/v1/auth/password-login', () => ({
      statusCode: 429,
      data: { error: { code: 'RATE_LIMITED', message: '登录过于频繁，请稍后再试' } },
    }));
    await logIn(comp, 'station1', 'wrong');
    expect(textOf(comp, '.login-error')).toBe('登录过于频繁，请稍后再试');
    expect(loadSession()).toBeNull();
    expect(fakeWx().calls.filter((c) => c.api === 'reLaunch')).toHaveLength(0);
    expect(fakeWx().calls.filter((c) => c.api === 'login')).toHaveLength(0);
  });

  it('asks for both fields before sending anything', async () => {
    const comp = await open();
    await logIn(comp, 'station1', '');
    expect(textOf(comp, '.login-error')).toBe('请填写密码');
    expect(fakeWx().calls.filter((c) => c.api === 'request')).toHaveLength(0);
  });

  it('signs out: the phone forgets the session and the server ends it', async () => {
    saveSession({ accessToken: 'a', refreshToken: 'rt-1', userId: 3, roles: ['merchant_clerk'], via: 'password' });
    let ended: any;
    fakeWx().routes.set('POST /api/v1/auth/logout', (o) => {
      ended = o.data;
      return { statusCode: 204 };
    });
    const comp = await open();
    expect(textOf(comp, '.role')).toBe('商户店员');
    comp.querySelector('.sign-out')!.dispatchEvent('press');
    await flush();
    expect(loadSession()).toBeNull();
    expect(ended).toEqual({ refreshToken: 'rt-1' });
    expect(comp.querySelector('.sign-out')).toBeFalsy();
  });
});

describe('the second factor of admin and district accounts', () => {
  beforeEach(() => fakeWx().reset());

  const askCode = () =>
    fakeWx().routes.set('POST /api/v1/auth/password-login', () => ({
      data: { mfaRequired: true, mfaToken: 'step-token', enrolled: true },
    }));

  it('asks for the authenticator code after the password, and signs in only with it', async () => {
    askCode();
    let verified: any;
    fakeWx().routes.set('POST /api/v1/auth/mfa/verify', (o) => {
      verified = o.data;
      return { data: { accessToken: 'a', refreshToken: 'b', user: { id: 4, roles: ['district_staff'] } } };
    });
    const comp = await open();
    await logIn(comp, 'district', 'secret-password');
    // No session from the password alone.
    expect(loadSession()).toBeNull();
    expect(comp.querySelector('.code-form')).toBeTruthy();
    expect(comp.querySelector('.login-form')).toBeFalsy();

    comp.querySelector('#code')!.dispatchEvent('input', { detail: { value: '12345' } });
    comp.querySelector('#verify')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.login-error')).toBe('请输入身份验证器上的 6 位数字');
    expect(verified).toBeUndefined();

    comp.querySelector('#code')!.dispatchEvent('input', { detail: { value: '123456' } });
    comp.querySelector('#verify')!.dispatchEvent('press');
    await flush();
    expect(verified).toEqual({ mfaToken: 'step-token', code: '123456' });
    expect(loadSession()).toMatchObject({ accessToken: 'a', refreshToken: 'b', roles: ['district_staff'] });
    expect(
      fakeWx()
        .calls.filter((c) => c.api === 'reLaunch')
        .map((c) => c.options.url),
    ).toEqual(['/pages/index/index']);
  });

  it('takes a recovery code instead, and says so when a code is wrong', async () => {
    askCode();
    const sent: any[] = [];
    fakeWx().routes.set('POST /api/v1/auth/mfa/verify', (o) => {
      sent.push(o.data);
      return { statusCode: 401, data: { error: { code: 'MFA_CODE_INVALID', message: '验证码不正确' } } };
    });
    const comp = await open();
    await logIn(comp, 'district', 'secret-password');
    comp.querySelector('#toggleRecovery')!.dispatchEvent('press');
    await flush();
    comp.querySelector('#code')!.dispatchEvent('input', { detail: { value: 'ABCDE-12345' } });
    comp.querySelector('#verify')!.dispatchEvent('press');
    await flush();
    expect(sent).toEqual([{ mfaToken: 'step-token', recoveryCode: 'ABCDE-12345' }]);
    expect(textOf(comp, '.login-error')).toBe('验证码不正确');
    expect(loadSession()).toBeNull();
    expect(comp.querySelector('.code-form')).toBeTruthy();
  });

  it('goes back to the password when the step has expired', async () => {
    askCode();
    fakeWx().routes.set('POST /api/v1/auth/mfa/verify', () => ({
      statusCode: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    }));
    const comp = await open();
    await logIn(comp, 'district', 'secret-password');
    comp.querySelector('#code')!.dispatchEvent('input', { detail: { value: '123456' } });
    comp.querySelector('#verify')!.dispatchEvent('press');
    await flush();
    expect(comp.querySelector('.login-form')).toBeTruthy();
    expect(textOf(comp, '.login-error')).toBe('验证超时，请重新输入密码登录');
  });

  it('sends an account without an authenticator to the console to set one up', async () => {
    fakeWx().routes.set('POST /api/v1/auth/password-login', () => ({
      data: { mfaRequired: true, mfaToken: 'step-token', enrolled: false },
    }));
    const comp = await open();
    await logIn(comp, 'admin', 'secret-password');
    expect(comp.querySelector('.not-enrolled')).toBeTruthy();
    expect(loadSession()).toBeNull();
  });
});
