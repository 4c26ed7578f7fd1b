import type { Response } from 'supertest';
import { apiRoutes } from '../server/app';
import { Appeal } from '../server/modules/appeals/appeal.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { Person as PersonRow } from '../server/modules/people/person.entity';
import { ProxyAction } from '../server/modules/proxies/proxy-action.entity';
import { ProxyLinkEvent } from '../server/modules/proxies/proxy-link-event.entity';
import { ProxyLink } from '../server/modules/proxies/proxy-link.entity';
import { StoredFile } from '../server/modules/files/stored-file.entity';
import { newCode, normalizeCode } from '../server/modules/proxies/proxies.service';
import { AuditLog } from '../server/modules/staff/audit-log.entity';
import { createBureau, readyHolder, submittedApplication, type Bureau } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { idNumber, loginHolder, type Session } from './helpers/factories';

/**
 * Family members acting for holders (家属代办) through the routes: an invitation redeemed, the
 * family member filing an appeal that is the holder's, every request recorded with who made it;
 * services not granted, revoked links, routes that take no proxy and bad codes refused; the limits;
 * staff linking by ID number within their station or district; 我的信息 and deleting an account.
 */
async function refused(req: PromiseLike<Response>, status: number, code: string): Promise<Response> {
  const res = await req;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  return res;
}

type Person = Session & { idNumber: string };

describe('proxies', () => {
  let t: TestContext;
  let b: Bureau;

  beforeAll(async () => {
    t = await createTestContext();
    b = await createBureau(t);
  });
  afterAll(() => t.close());

  /** A logged-in account with a bound identity. */
  async function person(name = '李秀英'): Promise<Person> {
    const s = await loginHolder(t);
    const id = idNumber('19600303');
    await t.http
      .put('/api/v1/me/identity')
      .set(s.auth)
      .send({ name, idNumber: id, phone: '13700002222', category: 'veteran' })
      .expect(200);
    return { ...s, idNumber: id };
  }

  const invite = (h: Session, body: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/proxies/invitations')
      .set(h.auth)
      .send({ relation: '子女', services: ['appeals'], ...body });
  const accept = (p: Session, code: string) => t.http.post('/api/v1/proxies/accept').set(p.auth).send({ code });

  /** The holder invites, the family member redeems: the active link's id. */
  async function linked(h: Session, p: Session, services = ['appeals']): Promise<number> {
    const inv = await invite(h, { services }).expect(201);
    const res = await accept(p, inv.body.code).expect(200);
    return res.body.id;
  }

  const asProxy = (p: Session, h: Session) => ({ ...p.auth, 'X-Acting-For': String(h.userId) });
  const fileAppeal = (headers: Record<string, string>) =>
    t.http.post('/api/v1/appeals').set(headers).send({
      kind: 'errand',
      category: '代办手续',
      text: '请帮忙办理老人的医保报销手续',
      stationId: b.stationId,
    });

  it('invites, redeems, and the family member files an appeal that is the holder’s, recorded as theirs', async () => {
    const holder = await person('王德明');
    const child = await person('王小红');
    const inv = await invite(holder, { services: ['appeals', 'legal_aid'] }).expect(201);
    expect(inv.body.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(inv.body.link).toMatchObject({ status: 'invited', relation: '子女', name: null, mayRevoke: true });
    expect(Date.parse(inv.body.expiresAt) - t.clock.now().getTime()).toBe(24 * 3600_000);
    // Stored only as its keyed hash.
    const stored = await t.container.db.manager.findOneByOrFail(ProxyLink, { id: inv.body.link.id });
    expect(stored.codeHash).not.toContain(inv.body.code);
    expect(stored.codeHash).toHaveLength(64);

    // Typed with spaces and in lower case, it still matches.
    const code = inv.body.code as string;
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    const link = (await accept(child, typed).expect(200)).body;
    expect(link).toMatchObject({ status: 'active', name: '王**', holderAccountId: holder.userId, linkedBy: 'holder' });
    expect(link.services).toEqual(['appeals', 'legal_aid']);

    // The holder is told who may now act for them.
    const notice = await t.container.db.manager.findOneByOrFail(OutboxMessage, {
      recipientAccountId: holder.userId,
      templateKey: 'service_notice',
    });
    expect(notice.title).toBe('家人已可以为您代办');
    expect(notice.body).toContain('王**（子女）');
    expect(notice.page).toBe('packages/people/pages/proxies/proxies');

    const filed = await fileAppeal(asProxy(child, holder)).expect(201);
    const appeal = await t.container.db.manager.findOneByOrFail(Appeal, { id: filed.body.id });
    expect(appeal.accountId).toBe(holder.userId);
    // The holder sees it among their own; the family member, acting for no one, does not.
    const mine = await t.http.get('/api/v1/appeals/mine').set(holder.auth).expect(200);
    expect(mine.body.items.map((a: { id: number }) => a.id)).toEqual([filed.body.id]);
    const own = await t.http.get('/api/v1/appeals/mine').set(child.auth).expect(200);
    expect(own.body.items).toEqual([]);
    // Acting, the family member reads the holder's.
    const theirs = await t.http.get('/api/v1/appeals/mine').set(asProxy(child, holder)).expect(200);
    expect(theirs.body.items.map((a: { id: number }) => a.id)).toEqual([filed.body.id]);

    // Every request made as the family member is recorded, a failed one too.
    await refused(t.http.get('/api/v1/appeals/999999').set(asProxy(child, holder)), 404, 'NOT_FOUND');
    const actions = await t.http.get(`/api/v1/proxies/${link.id}/actions`).set(holder.auth).expect(200);
    expect(
      actions.body.items.map((a: { method: string; route: string; status: number; what: string }) => [
        a.method,
        a.route,
        a.status,
        a.what,
      ]),
    ).toEqual([
      ['GET', '/api/v1/appeals/:id', 404, '查看诉求和代办'],
      ['GET', '/api/v1/appeals/mine', 200, '查看诉求和代办'],
      ['POST', '/api/v1/appeals', 201, '办理诉求和代办'],
    ]);
    const rows = await t.container.db.manager.findBy(ProxyAction, { linkId: link.id });
    expect(rows.every((r) => r.proxyAccountId === child.userId && r.holderAccountId === holder.userId)).toBe(true);

    // The request log names the holder and who really acted, nothing more.
    const line = t.logs
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'request' && l.route === '/api/v1/appeals' && l.method === 'POST');
    expect(line).toMatchObject({ accountId: holder.userId, actedBy: child.userId, status: 201 });
    expect(t.logs.join('\n')).not.toContain(code);

    // Both lists, names masked.
    const hm = await t.http.get('/api/v1/proxies/mine').set(holder.auth).expect(200);
    expect(hm.body.asHolder.map((l: { id: number; name: string }) => [l.id, l.name])).toEqual([[link.id, '王**']]);
    expect(hm.body.asProxy).toEqual([]);
    const cm = await t.http.get('/api/v1/proxies/mine').set(child.auth).expect(200);
    expect(cm.body.asProxy.map((l: { id: number; name: string }) => [l.id, l.name])).toEqual([[link.id, '王**']]);
  });

  it('uploads the holder’s documents for an appeal, the file being the holder’s; not under a grant that uses none', async () => {
    const holder = await person('赵德胜');
    const child = await person('赵小慧');
    const neighbour = await person('钱多多');
    const link = await linked(holder, child, ['appeals']);
    await linked(holder, neighbour, ['legal_aid']);
    const upload = (headers: Record<string, string>) =>
      t.http
        .post('/api/v1/files')
        .set(headers)
        .field('purpose', 'document')
        .attach('file', Buffer.from('%PDF-1.7\n医保报销单\n%%EOF'), {
          filename: 'bill.pdf',
          contentType: 'application/pdf',
        });
    const doc = (await upload(asProxy(child, holder)).expect(201)).body;
    const stored = await t.container.db.manager.findOneByOrFail(StoredFile, { id: doc.id });
    expect(stored.ownerAccountId).toBe(holder.userId);
    // The family member reads it acting for the holder, not as themselves.
    await t.http.get(`/api/v1/files/${doc.id}`).set(asProxy(child, holder)).expect(200);
    await refused(t.http.get(`/api/v1/files/${doc.id}`).set(child.auth), 404, 'NOT_FOUND');
    // It is the holder's own document, so it goes with the appeal filed for them.
    const filed = await t.http
      .post('/api/v1/appeals')
      .set(asProxy(child, holder))
      .send({
        kind: 'errand',
        category: '代办手续',
        text: '请帮忙办理医保报销',
        stationId: b.stationId,
        fileIds: [doc.id],
      })
      .expect(201);
    expect(filed.body.fileIds).toEqual([doc.id]);
    // A grant for legal aid alone uses no documents: no upload for the holder.
    await refused(upload(asProxy(neighbour, holder)), 403, 'PROXY_NOT_ALLOWED');
    const actions = await t.http.get(`/api/v1/proxies/${link}/actions`).set(holder.auth).expect(200);
    expect(actions.body.items.map((a: { route: string; what: string }) => `${a.route} ${a.what}`)).toEqual([
      '/api/v1/appeals 办理诉求和代办',
      '/api/v1/files/:id 查看照片或材料',
      '/api/v1/files 上传照片或材料',
    ]);
  });

  it('refuses a service not granted, a route that takes no proxy, a stranger, and a bad header', async () => {
    const holder = await person();
    const child = await person();
    const stranger = await person();
    const linkId = await linked(holder, child, ['appeals']);
    await refused(t.http.get('/api/v1/me/card').set(asProxy(child, holder)), 403, 'PROXY_NOT_ALLOWED');
    await refused(
      t.http.get('/api/v1/legal-aid/appointments/mine').set(asProxy(child, holder)),
      403,
      'PROXY_NOT_ALLOWED',
    );
    // Identity, consent, deletion and the links themselves are the holder's alone.
    await refused(t.http.get('/api/v1/me').set(asProxy(child, holder)), 403, 'PROXY_NOT_ALLOWED');
    await refused(
      t.http
        .put('/api/v1/me/identity')
        .set(asProxy(child, holder))
        .send({ name: '冒名', idNumber: idNumber('19700101'), phone: '13700003333', category: 'veteran' }),
      403,
      'PROXY_NOT_ALLOWED',
    );
    await refused(t.http.get('/api/v1/me/data').set(asProxy(child, holder)), 403, 'PROXY_NOT_ALLOWED');
    await refused(
      t.http.post(`/api/v1/proxies/${linkId}/revoke`).set(asProxy(child, holder)),
      403,
      'PROXY_NOT_ALLOWED',
    );
    await refused(fileAppeal(asProxy(stranger, holder)), 403, 'PROXY_NOT_ALLOWED');
    for (const bad of ['abc', '0', '-1', `${holder.userId}.5`, '99999999999']) {
      await refused(fileAppeal({ ...child.auth, 'X-Acting-For': bad }), 403, 'PROXY_NOT_ALLOWED');
    }
    // Refused before anything ran: nothing filed, nothing recorded.
    expect(await t.container.db.manager.countBy(Appeal, { accountId: holder.userId })).toBe(0);
    expect(await t.container.db.manager.countBy(ProxyAction, { linkId })).toBe(0);
    // Without the header, the family member is themselves as before.
    await fileAppeal(child.auth).expect(201);
    expect(await t.container.db.manager.countBy(Appeal, { accountId: child.userId })).toBe(1);
  });

  it('stops a revoked link at once, whichever side revokes, and records who', async () => {
    const holder = await person();
    const child = await person();
    const spouse = await person();
    const a = await linked(holder, child);
    const c = await linked(holder, spouse);
    await fileAppeal(asProxy(child, holder)).expect(201);

    const byHolder = await t.http.post(`/api/v1/proxies/${a}/revoke`).set(holder.auth).expect(200);
    expect(byHolder.body).toMatchObject({ status: 'revoked', mayRevoke: false });
    await refused(fileAppeal(asProxy(child, holder)), 403, 'PROXY_NOT_ALLOWED');
    await refused(t.http.post(`/api/v1/proxies/${a}/revoke`).set(child.auth), 409, 'INVALID_TRANSITION');

    await t.http.post(`/api/v1/proxies/${c}/revoke`).set(spouse.auth).expect(200);
    await refused(t.http.get('/api/v1/appeals/mine').set(asProxy(spouse, holder)), 403, 'PROXY_NOT_ALLOWED');
    const history = await t.container.db.manager.find(ProxyLinkEvent, {
      where: [{ linkId: a }, { linkId: c }],
      order: { id: 'ASC' },
    });
    expect(history.map((e) => [e.linkId, e.action, e.fromStatus, e.toStatus, e.actorRole, e.actorAccountId])).toEqual([
      [a, 'invite', null, 'invited', 'holder', holder.userId],
      [a, 'accept', 'invited', 'active', 'proxy', child.userId],
      [c, 'invite', null, 'invited', 'holder', holder.userId],
      [c, 'accept', 'invited', 'active', 'proxy', spouse.userId],
      [a, 'revoke', 'active', 'revoked', 'holder', holder.userId],
      [c, 'revoke', 'active', 'revoked', 'proxy', spouse.userId],
    ]);
    // The holder hears when the family member ends it.
    const notices = await t.container.db.manager.findBy(OutboxMessage, { recipientAccountId: holder.userId });
    expect(notices.map((n) => n.title)).toContain('家人已结束为您代办');
    // A stranger cannot revoke or read someone else's link.
    const stranger = await person();
    await refused(t.http.post(`/api/v1/proxies/${a}/revoke`).set(stranger.auth), 404, 'NOT_FOUND');
    await refused(t.http.get(`/api/v1/proxies/${a}/actions`).set(stranger.auth), 404, 'NOT_FOUND');
    // The old invitation's code cannot bring it back.
    const linkA = await t.container.db.manager.findOneByOrFail(ProxyLink, { id: a });
    expect(linkA.pairKey).toBeNull();
    expect(linkA.slotKey).toBeNull();
  });

  it('refuses wrong, expired, used and own codes with stable codes, writing nothing', async () => {
    const holder = await person();
    const child = await person();
    const other = await person();
    await refused(accept(child, 'ABCD2345'), 404, 'PROXY_CODE_INVALID');
    await refused(accept(child, ''), 400, 'VALIDATION_FAILED');

    const inv = await invite(holder).expect(201);
    await refused(accept(holder, inv.body.code), 409, 'PROXY_SELF');
    await accept(child, inv.body.code).expect(200);
    await refused(accept(other, inv.body.code), 409, 'PROXY_CODE_USED');
    await refused(accept(child, inv.body.code), 409, 'PROXY_CODE_USED');

    const late = await invite(holder).expect(201);
    // Its 24 hours are over (moved in the row: the sessions here would not outlive the clock).
    await t.container.db.transaction((em) =>
      em.update(ProxyLink, { id: late.body.link.id }, { codeExpiresAt: new Date(t.clock.now().getTime() - 1000) }),
    );
    await refused(accept(other, late.body.code), 409, 'PROXY_CODE_EXPIRED');
    const read = await t.http.get('/api/v1/proxies/mine').set(holder.auth).expect(200);
    expect(read.body.asHolder.find((l: { id: number }) => l.id === late.body.link.id)).toMatchObject({
      status: 'expired',
      mayRevoke: false,
    });
    // A new invitation marks the stale one expired in its history.
    await invite(holder).expect(201);
    const stale = await t.container.db.manager.findOneByOrFail(ProxyLink, { id: late.body.link.id });
    expect(stale.status).toBe('expired');
    // A cancelled invitation's code is spent.
    const cancelled = await invite(holder).expect(201);
    await t.http.post(`/api/v1/proxies/${cancelled.body.link.id}/revoke`).set(holder.auth).expect(200);
    await refused(accept(other, cancelled.body.code), 409, 'PROXY_CODE_USED');
    expect(await t.container.db.manager.countBy(ProxyLink, { proxyAccountId: other.userId })).toBe(0);

    // Redeeming needs a bound identity.
    const bare = await loginHolder(t);
    const fresh = await invite(holder).expect(201);
    await refused(accept(bare, fresh.body.code), 409, 'IDENTITY_REQUIRED');
    await refused(invite(bare), 409, 'IDENTITY_REQUIRED');
    await refused(invite(holder, { services: [] }), 400, 'VALIDATION_FAILED');
    await refused(invite(holder, { services: ['payments'] }), 400, 'VALIDATION_FAILED');
    await refused(invite(holder, { services: ['card', 'card'] }), 400, 'VALIDATION_FAILED');
    await refused(invite(holder, { relation: '朋友' }), 400, 'VALIDATION_FAILED');
  });

  it('rate-limits guessing codes per account', async () => {
    const guesser = await person();
    for (let i = 0; i < 10; i++) await refused(accept(guesser, newCode()), 404, 'PROXY_CODE_INVALID');
    await refused(accept(guesser, newCode()), 429, 'RATE_LIMITED');
  });

  it('holds three active family members per holder and one link per pair', async () => {
    const holder = await person();
    const family = [await person(), await person(), await person()];
    for (const f of family) await linked(holder, f);
    await refused(invite(holder), 409, 'PROXY_LIMIT_REACHED');

    const again = await person();
    const other = await person();
    const second = await linked(other, again);
    const dup = await invite(other).expect(201);
    await refused(accept(again, dup.body.code), 409, 'PROXY_EXISTS');
    // Revoking frees the place.
    await t.http.post(`/api/v1/proxies/${second}/revoke`).set(other.auth).expect(200);
    await accept(again, dup.body.code).expect(200);

    // An invitation made before the limit was reached cannot pass it when redeemed.
    const holder2 = await person();
    const pending = await invite(holder2).expect(201);
    for (const f of [await person(), await person(), await person()]) await linked(holder2, f);
    await refused(accept(await person(), pending.body.code), 409, 'PROXY_LIMIT_REACHED');
    expect(await t.container.db.manager.countBy(ProxyLink, { holderAccountId: holder2.userId, status: 'active' })).toBe(
      3,
    );
  });

  describe('at the desk', () => {
    let holder: Awaited<ReturnType<typeof readyHolder>>;
    let holderPersonId: number;

    beforeAll(async () => {
      holder = await readyHolder(t);
      await submittedApplication(t, holder, b.stationId);
      const row = await t.container.db.manager.findOneByOrFail(PersonRow, { accountId: holder.userId });
      holderPersonId = row.id;
    });

    const link = (s: Session, body: Record<string, unknown>) =>
      t.http
        .post('/api/v1/staff/proxies')
        .set(s.auth)
        .send({ holderPersonId, relation: '配偶', services: ['card'], ...body });

    it('links a family member found by ID number, active at once, audited, the holder told', async () => {
      const spouse = await person('陈桂兰');
      const res = await link(b.stationReviewer, { proxyIdNumber: spouse.idNumber.toLowerCase() }).expect(201);
      expect(res.body).toMatchObject({ status: 'active', linkedBy: 'staff', relation: '配偶', name: '陈**' });
      const audit = await t.container.db.manager.findOneByOrFail(AuditLog, {
        action: 'proxy.link',
        targetId: String(res.body.id),
      });
      expect(audit.actorAccountId).toBe(b.stationReviewer.userId);
      expect(audit.detail).not.toContain(spouse.idNumber);
      const notices = await t.container.db.manager.findBy(OutboxMessage, { recipientAccountId: holder.userId });
      expect(notices.some((n) => n.idempotencyKey === `proxy:${res.body.id}:link`)).toBe(true);

      // The family member acts on the card at once, and only on it.
      const card = await t.http.get('/api/v1/card-applications/mine').set(asProxy(spouse, holder)).expect(200);
      expect(card.body.items).toHaveLength(1);
      await refused(t.http.get('/api/v1/appeals/mine').set(asProxy(spouse, holder)), 403, 'PROXY_NOT_ALLOWED');

      const list = await t.http
        .get(`/api/v1/staff/proxies?holderPersonId=${holderPersonId}`)
        .set(b.districtReviewer.auth)
        .expect(200);
      expect(list.body.items.map((l: { id: number }) => l.id)).toContain(res.body.id);
      expect(
        await t.container.db.manager.countBy(AuditLog, {
          action: 'proxy.list_read',
          actorAccountId: b.districtReviewer.userId,
        }),
      ).toBe(1);
      await refused(link(b.stationReviewer, { proxyIdNumber: spouse.idNumber }), 409, 'PROXY_EXISTS');
    });

    it('serves only the holder’s own station and district', async () => {
      const spouse = await person();
      await refused(link(b.otherStationReviewer, { proxyIdNumber: spouse.idNumber }), 404, 'NOT_FOUND');
      await refused(link(b.otherDistrictReviewer, { proxyIdNumber: spouse.idNumber }), 404, 'NOT_FOUND');
      await refused(
        t.http.get(`/api/v1/staff/proxies?holderPersonId=${holderPersonId}`).set(b.otherStationReviewer.auth),
        404,
        'NOT_FOUND',
      );
      await refused(link(holder, { proxyIdNumber: spouse.idNumber }), 403, 'FORBIDDEN');
      await refused(
        link(b.districtReviewer, { holderPersonId: 999999, proxyIdNumber: spouse.idNumber }),
        404,
        'NOT_FOUND',
      );
      await link(b.districtReviewer, { proxyIdNumber: spouse.idNumber }).expect(201);
    });

    it('ends a link at the desk within the same scope, audited, the holder told', async () => {
      const brother = await person();
      const res = await link(b.districtReviewer, { proxyIdNumber: brother.idNumber, relation: '兄弟姐妹' }).expect(201);
      await t.http.get('/api/v1/card-applications/mine').set(asProxy(brother, holder)).expect(200);
      await refused(
        t.http.post(`/api/v1/staff/proxies/${res.body.id}/revoke`).set(b.otherStationReviewer.auth),
        404,
        'NOT_FOUND',
      );
      await refused(t.http.post(`/api/v1/staff/proxies/${res.body.id}/revoke`).set(holder.auth), 403, 'FORBIDDEN');
      const revoked = await t.http
        .post(`/api/v1/staff/proxies/${res.body.id}/revoke`)
        .set(b.stationReviewer.auth)
        .expect(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', mayRevoke: false });
      await refused(
        t.http.get('/api/v1/card-applications/mine').set(asProxy(brother, holder)),
        403,
        'PROXY_NOT_ALLOWED',
      );
      await refused(
        t.http.post(`/api/v1/staff/proxies/${res.body.id}/revoke`).set(b.stationReviewer.auth),
        409,
        'INVALID_TRANSITION',
      );
      const last = await t.container.db.manager.findOneOrFail(ProxyLinkEvent, {
        where: { linkId: res.body.id },
        order: { id: 'DESC' },
      });
      expect([last.action, last.actorRole, last.actorAccountId]).toEqual(['revoke', 'staff', b.stationReviewer.userId]);
      expect(
        await t.container.db.manager.countBy(AuditLog, { action: 'proxy.revoke', targetId: String(res.body.id) }),
      ).toBe(1);
      const notices = await t.container.db.manager.findBy(OutboxMessage, { recipientAccountId: holder.userId });
      expect(notices.map((n) => n.title)).toContain('家属代办已撤销');
    });

    it('needs the family member’s own login with that identity, and not the holder', async () => {
      await refused(link(b.stationReviewer, { proxyIdNumber: idNumber('19900909') }), 409, 'PROXY_ACCOUNT_MISSING');
      await refused(link(b.stationReviewer, { proxyIdNumber: '12345' }), 400, 'ID_NUMBER_INVALID');
      await refused(link(b.stationReviewer, { proxyIdNumber: holder.idNumber }), 409, 'PROXY_SELF');
    });
  });

  it('shows links and actions in 我的信息 on both sides, and deleting an account revokes its links', async () => {
    const holder = await person();
    const child = await person();
    const linkId = await linked(holder, child);
    await fileAppeal(asProxy(child, holder)).expect(201);
    for (const [s, side] of [
      [holder, 'holder'],
      [child, 'proxy'],
    ] as const) {
      const data = await t.http.get('/api/v1/me/data').set(s.auth).expect(200);
      expect(data.body.proxyLinks).toEqual([expect.objectContaining({ id: linkId, side, status: 'active' })]);
      expect(data.body.proxyActions).toEqual([
        expect.objectContaining({ linkId, side, what: '办理诉求和代办', status: 201 }),
      ]);
    }
    // The family member deletes their account: the link ends with it.
    await t.http.post('/api/v1/me/deletion').set(child.auth).send({ confirm: true }).expect(200);
    const stored = await t.container.db.manager.findOneByOrFail(ProxyLink, { id: linkId });
    expect(stored).toMatchObject({ status: 'revoked', pairKey: null, slotKey: null });
    const last = await t.container.db.manager.findOneOrFail(ProxyLinkEvent, {
      where: { linkId },
      order: { id: 'DESC' },
    });
    expect([last.action, last.actorRole, last.actorAccountId]).toEqual(['revoke', 'system', null]);

    // The holder deletes theirs: whoever acted for them no longer can, and the invitation is spent.
    const holder2 = await person();
    const spouse = await person();
    const other = await linked(holder2, spouse);
    const pending = await invite(holder2).expect(201);
    await t.http.post('/api/v1/me/deletion').set(holder2.auth).send({ confirm: true }).expect(200);
    await refused(t.http.get('/api/v1/appeals/mine').set(asProxy(spouse, holder2)), 403, 'PROXY_NOT_ALLOWED');
    expect((await t.container.db.manager.findOneByOrFail(ProxyLink, { id: other })).status).toBe('revoked');
    await refused(accept(spouse, pending.body.code), 409, 'PROXY_CODE_USED');
  });

  it('lets a family member use exactly these routes, each declaring PROXY_NOT_ALLOWED', () => {
    const routes = apiRoutes(t.container, { isDraining: () => false, openApi: () => ({}) }).filter((r) => r.proxy);
    expect(routes.map((r) => `${r.proxy} ${r.method.toUpperCase()} ${r.path}`).sort()).toEqual(
      [
        'card,appeals POST /api/v1/files',
        'card,appeals GET /api/v1/files/:id',
        'appeals GET /api/v1/appeals/categories',
        'appeals POST /api/v1/appeals',
        'appeals GET /api/v1/appeals/mine',
        'appeals GET /api/v1/appeals/:id',
        'appeals POST /api/v1/appeals/:id/confirm',
        'appeals POST /api/v1/appeals/:id/reopen',
        'appeals POST /api/v1/appeals/:id/rate',
        'card POST /api/v1/card-applications',
        'card GET /api/v1/card-applications/mine',
        'card GET /api/v1/card-applications/:id',
        'card PATCH /api/v1/card-applications/:id',
        'card POST /api/v1/card-applications/:id/submit',
        'card POST /api/v1/card-applications/:id/withdraw',
        'card GET /api/v1/me/card',
        'card POST /api/v1/me/card/report-lost',
        'legal_aid POST /api/v1/legal-aid/appointments',
        'legal_aid GET /api/v1/legal-aid/appointments/mine',
        'legal_aid POST /api/v1/legal-aid/appointments/:id/cancel',
      ].sort(),
    );
    for (const r of routes) expect(r.errors).toContain('PROXY_NOT_ALLOWED');
  });

  it('makes codes from the alphabet without look-alikes, and forgives how they are typed', () => {
    const codes = new Set(Array.from({ length: 200 }, newCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(normalizeCode(' ab-cd 23 45 ')).toBe('ABCD2345');
  });
});
