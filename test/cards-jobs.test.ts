import { MoreThan } from 'typeorm';
import { cardDeadlinesJob } from '../server/modules/cards/card-deadlines.job';
import { cardReadyRemindersJob } from '../server/modules/cards/card-ready-reminders.job';
import { runJob } from '../server/jobs/job';
import { JobRunner } from '../server/jobs/runner';
import { staffDigestJob } from '../server/modules/cards/staff-digest.job';
import { shanghaiDate, workingDaysBefore } from '../server/lib/working-days';
import { CardApplication } from '../server/modules/cards/card-application.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { Station } from '../server/modules/staff/station.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { applicationBody, createBureau, issuedCard, readyHolder, review, submittedApplication } from './helpers/cards';
import { unique, type Session } from './helpers/factories';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Bureau = Awaited<ReturnType<typeof createBureau>>;
type Holder = Awaited<ReturnType<typeof readyHolder>>;

/** A session's sign-in renewed at the current time (sign-ins last minutes; these stories span weeks). */
async function renewed<S extends Session>(t: TestContext, s: S): Promise<S> {
  const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
  return {
    ...s,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

/** The highest notice id so far: notices after it are the ones a step produced. */
async function lastNoticeId(t: TestContext): Promise<number> {
  const [last] = await t.container.db.manager.find(OutboxMessage, { order: { id: 'DESC' }, take: 1 });
  return last?.id ?? 0;
}

/** Notices to one account after a mark, oldest first. */
const noticesSince = (t: TestContext, accountId: number, mark: number) =>
  t.container.db.manager.find(OutboxMessage, {
    where: { recipientAccountId: accountId, id: MoreThan(mark) },
    order: { id: 'ASC' },
  });

const noticesTo = (t: TestContext, accountId: number) => noticesSince(t, accountId, 0);

const applicationRow = (t: TestContext, id: number) => t.container.db.manager.findOneByOrFail(CardApplication, { id });

describe('card-deadlines: applications sent back for more information', () => {
  let t: TestContext;
  let bureau: Bureau;
  /** Sent back at T0 and never answered. */
  let lapsed: { holder: Holder; id: number };
  /** Sent back at T0 and resubmitted before the deadline. */
  let answered: { holder: Holder; id: number };
  const T0 = Date.parse('2026-11-02T02:00:00Z');
  // T0 + 15 days, as the holder reads it in Asia/Shanghai.
  const DEADLINE_WORDS = '2026年11月17日 10:00';

  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(new Date(T0));
    bureau = await createBureau(t);
    const h1 = await readyHolder(t);
    const id1 = await submittedApplication(t, h1, bureau.stationId);
    const h2 = await readyHolder(t);
    const id2 = await submittedApplication(t, h2, bureau.stationId);
    for (const id of [id1, id2]) {
      const res = await review(t, bureau.stationReviewer, id, 'request_info', '请补充退伍证原件照片').expect(200);
      expect(res.body.status).toBe('needs_info');
    }
    lapsed = { holder: h1, id: id1 };
    answered = { holder: h2, id: id2 };
  });
  afterAll(() => t.close());

  it('gives the holder 15 days to answer', async () => {
    const app = await applicationRow(t, lapsed.id);
    expect(app.needsInfoDeadline!.toISOString()).toBe(new Date(T0 + 15 * DAY).toISOString());
    const mine = await t.http.get(`/api/v1/card-applications/${lapsed.id}`).set(lapsed.holder.auth).expect(200);
    expect(mine.body.needsInfoDeadline).toBe('2026-11-17T10:00:00.000+08:00');
  });

  it('the holder who answers in time resubmits before the deadline', async () => {
    t.clock.set(new Date(T0 + 10 * DAY));
    answered.holder = await renewed(t, answered.holder);
    const res = await t.http
      .post(`/api/v1/card-applications/${answered.id}/submit`)
      .set(answered.holder.auth)
      .expect(200);
    expect(res.body.status).toBe('submitted');
  });

  it('sends no reminder while more than 3 days remain', async () => {
    t.clock.set(new Date(T0 + 11 * DAY));
    const mark = await lastNoticeId(t);
    const counts = await runJob(cardDeadlinesJob, t.container);
    expect(counts).toEqual({ reminded: 0, closed: 0 });
    expect(await noticesSince(t, lapsed.holder.userId, mark)).toHaveLength(0);
    expect((await applicationRow(t, lapsed.id)).status).toBe('needs_info');
  });

  it('reminds the holder once within the last 3 days, naming the deadline', async () => {
    t.clock.set(new Date(T0 + 12.5 * DAY));
    const mark = await lastNoticeId(t);
    const counts = await runJob(cardDeadlinesJob, t.container);
    expect(counts).toEqual({ reminded: 1, closed: 0 });
    const notices = await noticesSince(t, lapsed.holder.userId, mark);
    expect(notices).toHaveLength(1);
    expect(notices[0].templateKey).toBe('application_status');
    expect(notices[0].body).toContain(DEADLINE_WORDS);
    expect((await applicationRow(t, lapsed.id)).status).toBe('needs_info');

    // Again later the same day: no second reminder.
    t.clock.advance(3 * HOUR);
    expect(await runJob(cardDeadlinesJob, t.container)).toEqual({ reminded: 0, closed: 0 });
    expect(await noticesSince(t, lapsed.holder.userId, mark)).toHaveLength(1);

    // The holder who resubmitted hears nothing about a deadline.
    expect(await noticesSince(t, answered.holder.userId, mark)).toHaveLength(0);
  });

  it('shows the reminder in the holder’s timeline', async () => {
    lapsed.holder = await renewed(t, lapsed.holder);
    const res = await t.http.get('/api/v1/me/timeline').set(lapsed.holder.auth).expect(200);
    expect(res.body.items[0].body).toContain(DEADLINE_WORDS);
  });

  it('leaves the application open until the deadline itself', async () => {
    t.clock.set(new Date(T0 + 15 * DAY - 60_000));
    const mark = await lastNoticeId(t);
    expect(await runJob(cardDeadlinesJob, t.container)).toEqual({ reminded: 0, closed: 0 });
    expect((await applicationRow(t, lapsed.id)).status).toBe('needs_info');
    expect(await noticesSince(t, lapsed.holder.userId, mark)).toHaveLength(0);
  });

  it('closes the application as withdrawn once the deadline has passed, and tells the holder', async () => {
    t.clock.set(new Date(T0 + 15 * DAY + HOUR));
    const mark = await lastNoticeId(t);
    const outcome = await new JobRunner(t.container, 'test').runByHand(cardDeadlinesJob);
    expect(outcome.ran).toBe(true);
    if (!outcome.ran) return;
    expect(outcome.run.status).toBe('succeeded');
    expect(JSON.parse(outcome.run.counts!)).toEqual({ reminded: 0, closed: 1 });

    expect((await applicationRow(t, lapsed.id)).status).toBe('withdrawn');
    lapsed.holder = await renewed(t, lapsed.holder);
    const mine = await t.http.get(`/api/v1/card-applications/${lapsed.id}`).set(lapsed.holder.auth).expect(200);
    expect(mine.body.status).toBe('withdrawn');
    const last = mine.body.history[mine.body.history.length - 1];
    expect(last).toMatchObject({ from: 'needs_info', to: 'withdrawn', by: 'system' });
    expect(last.reason).toContain('期限已过');
    expect(mine.body.allowedActions).toEqual([]);

    const notices = await noticesSince(t, lapsed.holder.userId, mark);
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toContain('已撤回');
    const timeline = await t.http.get('/api/v1/me/timeline').set(lapsed.holder.auth).expect(200);
    expect(timeline.body.items[0]).toMatchObject({ id: notices[0].id, title: notices[0].title });

    // The holder may start again with a new application.
    const again = await t.http
      .post('/api/v1/card-applications')
      .set(lapsed.holder.auth)
      .send(applicationBody(lapsed.holder, bureau.stationId))
      .expect(201);
    expect(again.body.status).toBe('draft');
  });

  it('closes nothing more when run again', async () => {
    t.clock.advance(HOUR);
    const mark = await lastNoticeId(t);
    expect(await runJob(cardDeadlinesJob, t.container)).toEqual({ reminded: 0, closed: 0 });
    expect(await noticesSince(t, lapsed.holder.userId, mark)).toHaveLength(0);
  });

  it('does not touch the application resubmitted before the deadline', async () => {
    const app = await applicationRow(t, answered.id);
    expect(app.status).toBe('submitted');
    expect(app.needsInfoDeadline).toBeNull();
    answered.holder = await renewed(t, answered.holder);
    const mine = await t.http.get(`/api/v1/card-applications/${answered.id}`).set(answered.holder.auth).expect(200);
    expect(mine.body.history.map((e: { by: string }) => e.by)).not.toContain('system');
    // Its holder heard only of the send-back and the resubmission.
    expect((await noticesTo(t, answered.holder.userId)).map((n) => n.body).join('\n')).not.toContain('逾期');
  });
});

describe('card-ready-reminders: cards waiting to be collected', () => {
  let t: TestContext;
  let bureau: Bureau;
  let stationName: string;
  let pickup: { holder: Session; id: number };
  let mail: { holder: Session; id: number };
  let issued: { holder: Session; id: number };
  const T = Date.parse('2026-11-02T02:00:00Z');

  /** Both levels approve, then the card goes to production and arrives (as a batch). */
  async function toCardReady(id: number): Promise<void> {
    await review(t, bureau.stationReviewer, id, 'approve').expect(200);
    await review(t, bureau.districtReviewer, id, 'approve').expect(200);
    const batch = await t.http
      .post('/api/v1/staff/card-batches')
      .set(bureau.districtReviewer.auth)
      .send({ applicationIds: [id] })
      .expect(201);
    const arrived = await t.http
      .post(`/api/v1/staff/card-batches/${batch.body.id}/card-ready`)
      .set(bureau.districtReviewer.auth)
      .expect(200);
    expect(arrived.body.ready).toBe(1);
  }

  /** Collection reminders (not the card-ready notice itself) the holder has had. */
  const reminders = async (holder: Session, readyNoticeId: number) => noticesSince(t, holder.userId, readyNoticeId);

  let readyNotice: Record<'pickup' | 'mail' | 'issued', number>;

  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(new Date(T));
    bureau = await createBureau(t);
    stationName = (await t.container.db.manager.findOneByOrFail(Station, { id: bureau.stationId })).name;

    const h1 = await readyHolder(t);
    pickup = { holder: h1, id: await submittedApplication(t, h1, bureau.stationId) };
    await toCardReady(pickup.id);

    const h2 = await readyHolder(t);
    mail = {
      holder: h2,
      id: await submittedApplication(t, h2, bureau.stationId, {
        delivery: 'mail',
        address: '北京市东城区测试路 8 号 3 单元',
      }),
    };
    await toCardReady(mail.id);

    const h3 = await readyHolder(t);
    issued = { holder: h3, id: await submittedApplication(t, h3, bureau.stationId) };
    await issuedCard(
      t,
      bureau,
      issued.id,
      unique('YDZ')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 20),
    );

    const lastOf = async (h: Session) => {
      const all = await noticesTo(t, h.userId);
      return all[all.length - 1].id;
    };
    readyNotice = { pickup: await lastOf(h1), mail: await lastOf(h2), issued: await lastOf(h3) };
    expect((await applicationRow(t, pickup.id)).status).toBe('card_ready');
    expect((await applicationRow(t, mail.id)).status).toBe('card_ready');
    expect((await applicationRow(t, issued.id)).status).toBe('issued');
  });
  afterAll(() => t.close());

  it('sends nothing in the first 3 days', async () => {
    t.clock.set(new Date(T + 2 * DAY));
    expect(await runJob(cardReadyRemindersJob, t.container)).toEqual({ reminded: 0 });
    expect(await reminders(pickup.holder, readyNotice.pickup)).toHaveLength(0);
  });

  it('reminds on day 3, naming the station, once however often it runs', async () => {
    t.clock.set(new Date(T + 3 * DAY));
    expect(await runJob(cardReadyRemindersJob, t.container)).toEqual({ reminded: 1 });
    const first = await reminders(pickup.holder, readyNotice.pickup);
    expect(first).toHaveLength(1);
    expect(first[0].templateKey).toBe('application_status');
    expect(first[0].body).toContain(stationName);

    t.clock.advance(5 * HOUR);
    expect(await runJob(cardReadyRemindersJob, t.container)).toEqual({ reminded: 0 });
    expect(await reminders(pickup.holder, readyNotice.pickup)).toHaveLength(1);
  });

  it('reminds again on day 6 and day 9', async () => {
    t.clock.set(new Date(T + 6 * DAY));
    expect(await runJob(cardReadyRemindersJob, t.container)).toEqual({ reminded: 1 });
    expect(await reminders(pickup.holder, readyNotice.pickup)).toHaveLength(2);

    t.clock.set(new Date(T + 9 * DAY));
    expect(await runJob(cardReadyRemindersJob, t.container)).toEqual({ reminded: 1 });
    const all = await reminders(pickup.holder, readyNotice.pickup);
    expect(all).toHaveLength(3);
    for (const n of all) expect(n.body).toContain(stationName);
  });

  it('shows the reminders in the holder’s timeline', async () => {
    pickup.holder = await renewed(t, pickup.holder);
    const res = await t.http.get('/api/v1/me/timeline').set(pickup.holder.auth).expect(200);
    const newer = res.body.items.filter((i: { id: number }) => i.id > readyNotice.pickup);
    expect(newer).toHaveLength(3);
    for (const i of newer) expect(i.body).toContain(stationName);
  });

  it('stops after 3 reminders', async () => {
    for (const day of [12, 30]) {
      t.clock.set(new Date(T + day * DAY));
      expect(await runJob(cardReadyRemindersJob, t.container)).toEqual({ reminded: 0 });
    }
    expect(await reminders(pickup.holder, readyNotice.pickup)).toHaveLength(3);
  });

  it('never reminds a holder whose card is mailed, or whose card was handed out', async () => {
    expect(await reminders(mail.holder, readyNotice.mail)).toHaveLength(0);
    expect(await reminders(issued.holder, readyNotice.issued)).toHaveLength(0);
  });
});

describe('staff-digest: applications waiting more than 5 working days', () => {
  let t: TestContext;
  let bureau: Bureau;
  let stationName: string;
  // Monday 30 November 2026, 08:30 in Asia/Shanghai.
  const MONDAY = Date.parse('2026-11-30T00:30:00Z');

  /** A staff member signed in again at the current time. */
  async function signedIn<S extends Session & { username: string; password: string }>(s: S): Promise<S> {
    const res = await t.http
      .post('/api/v1/auth/password-login')
      .send({ username: s.username, password: s.password })
      .expect(200);
    return {
      ...s,
      accessToken: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      auth: { Authorization: `Bearer ${res.body.accessToken}` },
    };
  }

  /** A new holder submits to a station at the current time. */
  async function submitNow(stationId: number): Promise<number> {
    const h = await readyHolder(t);
    return submittedApplication(t, h, stationId);
  }

  async function stationApproveNow(id: number): Promise<void> {
    bureau.stationReviewer = await signedIn(bureau.stationReviewer);
    const res = await review(t, bureau.stationReviewer, id, 'approve').expect(200);
    expect(res.body.status).toBe('station_approved');
  }

  const digestsTo = (accountId: number) =>
    t.container.db.manager.find(OutboxMessage, {
      where: { recipientAccountId: accountId, templateKey: 'service_notice' },
      order: { id: 'ASC' },
    });

  beforeAll(async () => {
    t = await createTestContext();
    t.clock.set(new Date(MONDAY - 12 * DAY));
    bureau = await createBureau(t);
    stationName = (await t.container.db.manager.findOneByOrFail(Station, { id: bureau.stationId })).name;

    // 12 days before: two submissions that the station approves later.
    const approvedLongAgo = await submitNow(bureau.stationId);
    const approvedRecently = await submitNow(bureau.stationId);
    const approvedThisWeek = await submitNow(bureau.stationId);

    // 10 days before: waiting at the station.
    t.clock.set(new Date(MONDAY - 10 * DAY));
    await submitNow(bureau.stationId);

    // 8 calendar days before (Sunday): waiting at the station; one approved by the station then.
    t.clock.set(new Date(MONDAY - 8 * DAY));
    await submitNow(bureau.stationId);
    await stationApproveNow(approvedLongAgo);

    // 6 calendar days before, an hour later in the day (Tuesday): only 4 working days, at both levels.
    t.clock.set(new Date(MONDAY - 6 * DAY + HOUR));
    await submitNow(bureau.stationId);
    await stationApproveNow(approvedThisWeek);

    // 4 calendar days before (Thursday): fewer than 5 working days, at both levels and at the other station.
    t.clock.set(new Date(MONDAY - 4 * DAY));
    await submitNow(bureau.stationId);
    await submitNow(bureau.otherStationId);
    await stationApproveNow(approvedRecently);

    t.clock.set(new Date(MONDAY));
  });
  afterAll(() => t.close());

  it('tells the station’s staff and the district’s staff how many applications wait, once a day', async () => {
    const outcome = await new JobRunner(t.container, 'test').runByHand(staffDigestJob);
    expect(outcome.ran).toBe(true);
    if (!outcome.ran) return;
    expect(outcome.run.status).toBe('succeeded');
    const counts = JSON.parse(outcome.run.counts!);
    expect(counts).toEqual({ stations: 1, notified: 2 });

    // Station: the Sunday and the earlier submission; not Tuesday's or Thursday's.
    const atStation = await digestsTo(bureau.stationReviewer.userId);
    expect(atStation).toHaveLength(1);
    expect(atStation[0].body).toContain(`${stationName} 2 件`);

    // District: approved by the station 8 days ago; not those approved on Tuesday or Thursday.
    const atDistrict = await digestsTo(bureau.districtReviewer.userId);
    expect(atDistrict).toHaveLength(1);
    expect(atDistrict[0].body).toContain(`${stationName} 1 件`);

    // Neither the other station nor the other district has anything late.
    expect(await digestsTo(bureau.otherStationReviewer.userId)).toHaveLength(0);
    expect(await digestsTo(bureau.otherDistrictReviewer.userId)).toHaveLength(0);

    // The staff member sees it in their own timeline.
    const staff = await signedIn(bureau.stationReviewer);
    const timeline = await t.http.get('/api/v1/me/timeline').set(staff.auth).expect(200);
    expect(timeline.body.items[0]).toMatchObject({ id: atStation[0].id, templateKey: 'service_notice' });
    expect(timeline.body.items[0].body).toContain(`${stationName} 2 件`);
  });

  it('sends nothing more the same day', async () => {
    t.clock.set(new Date(MONDAY + 2 * HOUR));
    expect(await runJob(staffDigestJob, t.container)).toEqual({ stations: 1, notified: 0 });
    t.clock.set(new Date(MONDAY + 5 * HOUR));
    expect(await runJob(staffDigestJob, t.container)).toEqual({ stations: 1, notified: 0 });
    for (const s of [bureau.stationReviewer, bureau.districtReviewer])
      expect(await digestsTo(s.userId)).toHaveLength(1);
    for (const s of [bureau.otherStationReviewer, bureau.otherDistrictReviewer])
      expect(await digestsTo(s.userId)).toHaveLength(0);
  });

  it('sends a new digest the next working morning', async () => {
    // Tuesday 08:30 in Shanghai: Tuesday's submission of last week has now waited only just under 5 working days.
    t.clock.set(new Date(MONDAY + DAY));
    expect(await runJob(staffDigestJob, t.container)).toEqual({ stations: 1, notified: 2 });
    const atStation = await digestsTo(bureau.stationReviewer.userId);
    expect(atStation).toHaveLength(2);
    expect(atStation[1].body).toContain(`${stationName} 2 件`);
    const atDistrict = await digestsTo(bureau.districtReviewer.userId);
    expect(atDistrict).toHaveLength(2);
    expect(atDistrict[1].body).toContain(`${stationName} 1 件`);
    for (const s of [bureau.otherStationReviewer, bureau.otherDistrictReviewer])
      expect(await digestsTo(s.userId)).toHaveLength(0);
  });
});

describe('workingDaysBefore and shanghaiDate', () => {
  it('counts 5 working days back from a Monday to the previous Monday', () => {
    expect(workingDaysBefore(new Date('2026-11-30T00:30:00Z'), 5).toISOString()).toBe('2026-11-23T00:30:00.000Z');
  });

  it('counts 2 working days back from a Wednesday to the Monday', () => {
    expect(workingDaysBefore(new Date('2026-11-25T02:00:00Z'), 2).toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });

  it('reckons weekdays in Shanghai: 1 working day before Monday 00:30 is Friday 00:30', () => {
    // Monday 30 November 00:30 in Shanghai is still Sunday in UTC.
    expect(workingDaysBefore(new Date('2026-11-29T16:30:00Z'), 1).toISOString()).toBe('2026-11-26T16:30:00.000Z');
  });

  it('gives the Shanghai date, which near midnight UTC is already the next day', () => {
    expect(shanghaiDate(new Date('2026-11-29T16:30:00Z'))).toBe('2026-11-30');
    expect(shanghaiDate(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
    expect(shanghaiDate(new Date('2026-11-30T00:30:00Z'))).toBe('2026-11-30');
  });
});
