import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/card/pages/card/card'), { rootPath: root });

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

/**
 * Moves the fake clock on by `ms`, then a few milliseconds more so that the fake server answers
 * (its setTimeout 0, scheduled while timers run, falls due a millisecond later) and the page's
 * promises settle.
 */
const tick = async (ms = 0) => {
  await jest.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i++) await jest.advanceTimersByTimeAsync(1);
};

/** Moves the fake clock to exactly `at` (ms since the epoch), running what falls due on the way. */
const advanceTo = (at: number) => jest.advanceTimersByTimeAsync(at - Date.now());

const tokenCalls = () =>
  fakeWx().calls.filter((c) => c.api === 'request' && String(c.options.url).endsWith('/api/v1/me/card/qr-token'));

const issued = {
  action: 'issue',
  from: null,
  to: 'active',
  at: '2026-05-10T09:00:00.000+08:00',
  by: 'station',
  reason: null,
};
const lost = {
  action: 'report_lost',
  from: 'active',
  to: 'reported_lost',
  at: '2026-06-01T20:15:00.000+08:00',
  by: 'holder',
  reason: null,
};

/** The card as the server shows it: its history so far and what the holder may do now. */
const card = (status = 'active') => ({
  data: {
    cardNumber: '**********1234',
    status,
    category: 'veteran',
    holderName: '张*',
    issuedAt: '2026-05-10T09:00:00.000+08:00',
    history: status === 'reported_lost' ? [issued, lost] : [issued],
    allowedActions: status === 'active' ? ['report_lost'] : [],
  },
});

/** The server's token endpoint: a new token each time, valid for a minute from now. */
function serveTokens() {
  let n = 0;
  fakeWx().routes.set('POST /api/v1/me/card/qr-token', () => {
    n += 1;
    return { data: { token: `q1.1.token-${n}.abc.signature`, expiresAt: new Date(Date.now() + 60_000).toISOString() } };
  });
}

async function show(): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onShow();
  await tick();
  return comp;
}

describe('我的优待证: the QR code', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick'] });
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  it('fetches a token on show, a new one 10 s before it expires and not before, and stops when hidden', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    serveTokens();
    const comp = await show();

    expect(tokenCalls()).toHaveLength(1);
    expect(comp.querySelector('.qr')).toBeTruthy();
    expect(comp.querySelectorAll('.qr-dark').length).toBeGreaterThan(0);
    expect(textOf(comp, '.card-number')).toBe('**********1234');
    expect(textOf(comp, '.holder-name')).toBe('张*');
    const first = (comp.instance as any).data.qrRows;
    const expiresAt = Date.parse((comp.instance as any).data.qrExpiresAt);

    // Not a millisecond before 10 s ahead of the expiry; then at once.
    await advanceTo(expiresAt - 10_001);
    expect(tokenCalls()).toHaveLength(1);
    await advanceTo(expiresAt - 10_000);
    expect(tokenCalls()).toHaveLength(2);
    await tick();
    expect((comp.instance as any).data.qrRows).not.toEqual(first);

    // And the same for the next token.
    const next = Date.parse((comp.instance as any).data.qrExpiresAt);
    expect(next).toBeGreaterThan(expiresAt);
    await advanceTo(next - 10_001);
    expect(tokenCalls()).toHaveLength(2);
    await advanceTo(next - 10_000);
    expect(tokenCalls()).toHaveLength(3);
    await tick();

    (comp.instance as any).onHide();
    await tick(300_000);
    expect(tokenCalls()).toHaveLength(3);
    expect(jest.getTimerCount()).toBe(0);

    // Back on screen: a fresh code at once.
    (comp.instance as any).onShow();
    await tick();
    expect(tokenCalls()).toHaveLength(4);
    (comp.instance as any).onUnload();
    await tick(300_000);
    expect(tokenCalls()).toHaveLength(4);
  });

  it('stops refreshing when the page is taken away', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    serveTokens();
    const comp = await show();
    expect(tokenCalls()).toHaveLength(1);
    // The page leaves the tree (detached lifetime).
    (comp as unknown as { detach(): void }).detach();
    await tick(300_000);
    expect(tokenCalls()).toHaveLength(1);
  });

  it('a card the server calls inactive (409 CARD_INACTIVE) shows its message and no QR code', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    fakeWx().routes.set('POST /api/v1/me/card/qr-token', () => ({
      statusCode: 409,
      data: { error: { code: 'CARD_INACTIVE', message: '优待证当前不可用（已挂失、更换或注销），不能出示' } },
    }));
    const comp = await show();
    expect(comp.querySelector('.qr')).toBeFalsy();
    expect(comp.querySelectorAll('.qr-dark')).toHaveLength(0);
    expect(textOf(comp, '.qr-error')).toBe('优待证当前不可用（已挂失、更换或注销），不能出示');
    await tick(300_000);
    expect(tokenCalls()).toHaveLength(1);
  });

  it('a lost card shows why, no QR code and no token request, and offers a reissue', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card('reported_lost'));
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await show();
    expect(tokenCalls()).toHaveLength(0);
    expect(comp.querySelector('.qr')).toBeFalsy();
    expect(textOf(comp, '.card-status')).toBe('已挂失');
    expect(textOf(comp, '.inactive-hint')).toContain('申请补领');
    expect(comp.querySelector('.report-lost')).toBeFalsy();
    comp.querySelector('.reissue')!.dispatchEvent('press');
    await tick();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe(
      '/packages/card/pages/apply/apply?kind=reissue',
    );
  });

  it('挂失 after confirming: the code goes, the card shows as lost, and 补领 is offered', async () => {
    let status = 'active';
    fakeWx().routes.set('GET /api/v1/me/card', () => card(status));
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => ({ data: { items: [], nextCursor: null } }));
    fakeWx().routes.set('POST /api/v1/me/card/report-lost', () => {
      status = 'reported_lost';
      return card(status);
    });
    serveTokens();
    const comp = await show();
    expect(comp.querySelector('.qr')).toBeTruthy();

    fakeWx().on('showModal', (o) => o.success({ confirm: true, cancel: false }));
    comp.querySelector('.report-lost')!.dispatchEvent('press');
    await tick();
    expect(
      fakeWx().calls.filter((c) => c.api === 'request' && String(c.options.url).endsWith('/report-lost')),
    ).toHaveLength(1);
    expect(comp.querySelector('.qr')).toBeFalsy();
    expect(textOf(comp, '.card-status')).toBe('已挂失');
    expect(comp.querySelector('.reissue')).toBeTruthy();
    await tick(300_000);
    expect(tokenCalls()).toHaveLength(1);
  });

  it('shows the card’s history newest first, with who and why, and 挂失 only when the server allows it', async () => {
    const revoked = {
      action: 'revoke',
      from: 'reported_lost',
      to: 'revoked',
      at: '2026-06-03T10:00:00.000+08:00',
      by: 'district',
      reason: '持证人已不符合条件',
    };
    fakeWx().routes.set('GET /api/v1/me/card', () => ({
      data: { ...card('revoked').data, history: [issued, lost, revoked] },
    }));
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => ({ data: { items: [], nextCursor: null } }));
    const comp = await show();
    const steps = comp.querySelectorAll('.history-step').map((s) => s.dom!.textContent!.trim());
    expect(steps).toEqual(['注销 · 已注销', '挂失 · 已挂失', '发证 · 正常']);
    expect(textOf(comp, '.history-reason')).toBe('原因：持证人已不符合条件');
    expect(textOf(comp, '.history-item .muted')).toContain('区退役军人事务局');
    expect(comp.querySelector('.report-lost')).toBeFalsy();
  });

  it('offers no 挂失 on an active card when the server allows no action', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => ({ data: { ...card().data, allowedActions: [] } }));
    serveTokens();
    const comp = await show();
    expect(comp.querySelector('.qr')).toBeTruthy();
    expect(comp.querySelector('.report-lost')).toBeFalsy();
  });

  /** The holder's applications as the server lists them: one, in `status`. */
  const applications = (status: string, allowedActions: string[]) => ({
    data: {
      items: [
        {
          id: 8,
          kind: 'new',
          status,
          category: 'veteran',
          station: null,
          delivery: 'pickup',
          address: null,
          photoFileId: 1,
          documentFileIds: [2],
          reason: status === 'needs_info' ? '照片不清晰' : null,
          needsInfoDeadline: null,
          submittedAt: null,
          createdAt: '2026-03-02T09:00:00.000+08:00',
          history: [],
          allowedActions,
        },
      ],
      nextCursor: null,
    },
  });
  const noCard = () => ({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '尚未持有优待证' } } });
  const navigations = () =>
    fakeWx()
      .calls.filter((c) => c.api === 'navigateTo')
      .map((c) => c.options.url);

  it('without a card and with an application open, shows the application instead of 申领', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', noCard);
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => applications('station_approved', ['withdraw']));
    const comp = await show();
    expect(tokenCalls()).toHaveLength(0);
    expect(comp.querySelector('.apply')).toBeFalsy();
    expect(comp.querySelector('.no-card')).toBeFalsy();
    expect(textOf(comp, '.latest')).toContain('您的申请正在办理');
    expect(textOf(comp, '.latest-status')).toBe('初审通过');
    expect(comp.querySelector('.edit-latest')).toBeFalsy();
    expect((comp.querySelector('.open-latest') as any).instance.data.look).toBe('primary');
    comp.querySelector('.open-latest')!.dispatchEvent('press');
    await tick();
    expect(navigations()).toEqual(['/packages/card/pages/application/application?id=8']);
  });

  it('without a card and with an application sent back, leads with 修改', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', noCard);
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () =>
      applications('needs_info', ['edit', 'resubmit', 'withdraw']),
    );
    const comp = await show();
    expect(comp.querySelector('.apply')).toBeFalsy();
    expect(textOf(comp, '.latest-status')).toBe('待补充材料');
    expect(textOf(comp, '.latest-reason')).toBe('审核意见：照片不清晰');
    expect((comp.querySelector('.edit-latest') as any).instance.data.look).toBe('primary');
    expect((comp.querySelector('.open-latest') as any).instance.data.look).toBe('secondary');
    comp.querySelector('.edit-latest')!.dispatchEvent('press');
    await tick();
    expect(navigations()).toEqual(['/packages/card/pages/apply/apply?id=8']);
  });

  it('without a card and with only a closed application, offers 申领 and the old application', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', noCard);
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => applications('rejected', []));
    const comp = await show();
    expect(comp.querySelector('.no-card')).toBeTruthy();
    expect(textOf(comp, '.latest-status')).toBe('未通过');
    comp.querySelector('.apply')!.dispatchEvent('press');
    comp.querySelector('.open-latest')!.dispatchEvent('press');
    await tick();
    expect(navigations()).toEqual([
      '/packages/card/pages/eligibility/eligibility',
      '/packages/card/pages/application/application?id=8',
    ]);
  });

  it('a lost card with a reissue already open shows that application, not 申请补领 again', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card('reported_lost'));
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => applications('submitted', ['withdraw']));
    const comp = await show();
    expect(comp.querySelector('.reissue')).toBeFalsy();
    expect(textOf(comp, '.latest-status')).toBe('已提交');
  });

  it('an active card with an exchange open offers no second 换领', async () => {
    fakeWx().routes.set('GET /api/v1/me/card', () => card());
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => applications('submitted', ['withdraw']));
    serveTokens();
    const comp = await show();
    expect(comp.querySelector('.qr')).toBeTruthy();
    expect(comp.querySelector('.exchange')).toBeFalsy();
    expect(textOf(comp, '.latest-status')).toBe('已提交');
    (comp.instance as any).onUnload();
  });
});
