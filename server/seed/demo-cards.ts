import type { Container } from '../container';
import type { Principal } from '../lib/principal';
import { Account } from '../modules/auth/account.entity';
import { insertAccount } from '../modules/auth/accounts.service';
import { CardApplicationEvent } from '../modules/cards/card-application-event.entity';
import { CardApplication } from '../modules/cards/card-application.entity';
import type { HolderCategory } from '../lib/id-number';
import { checkDigit } from '../lib/id-number';
import { CONSENT_VERSION } from '../modules/people/consent.text';
import { Station } from '../modules/staff/station.entity';
import { demoPhoto } from './demo-photo';

type Stage = 'draft' | 'submitted' | 'station_approved' | 'needs_info' | 'approved' | 'card_ready' | 'issued';

const HOLDERS: Array<{
  name: string;
  birth: string;
  category: HolderCategory;
  stage: Stage;
  daysAgo: number;
  station: number;
}> = [
  { name: '张建国', birth: '19650312', category: 'veteran', stage: 'submitted', daysAgo: 9, station: 0 },
  { name: '孙立军', birth: '19720805', category: 'veteran', stage: 'submitted', daysAgo: 2, station: 0 },
  { name: '李秀英', birth: '19580621', category: 'martyr_family', stage: 'station_approved', daysAgo: 6, station: 0 },
  { name: '王志强', birth: '19801117', category: 'veteran', stage: 'needs_info', daysAgo: 5, station: 1 },
  { name: '刘海涛', birth: '19770402', category: 'veteran', stage: 'approved', daysAgo: 12, station: 1 },
  { name: '陈卫东', birth: '19690925', category: 'duty_death_family', stage: 'card_ready', daysAgo: 30, station: 0 },
  { name: '赵桂兰', birth: '19550130', category: 'illness_death_family', stage: 'issued', daysAgo: 45, station: 1 },
  { name: '周明', birth: '19880716', category: 'veteran', stage: 'draft', daysAgo: 1, station: 2 },
];

const DAY = 86_400_000;

/**
 * Demo holders with applications at every stage, so the staff queue looks like a real one. Each
 * is driven through the real services (so history and notices are real), then its dates are set
 * back to spread the queue over the past weeks. Holder logins: `dev-demo1` … `dev-demo8`.
 */
export async function seedDemoCards(c: Container): Promise<void> {
  const em = c.db.manager;
  const stations = await em.find(Station, { order: { id: 'ASC' } });
  const stationStaff = await em.findOneByOrFail(Account, { username: 'station1' });
  const station2Staff = await em.findOneByOrFail(Account, { username: 'station2' });
  const district = await em.findOneByOrFail(Account, { username: 'district' });
  const asStation = (stationId: number): Principal => ({
    accountId: stationId === stations[1].id ? station2Staff.id : stationStaff.id,
    roles: ['station_staff'],
  });
  const asDistrict: Principal = { accountId: district.id, roles: ['district_staff'] };

  const now = c.clock.now();
  for (const [i, h] of HOLDERS.entries()) {
    const openid = `dev-demo${i + 1}`;
    const account = await c.db.transaction((tx) =>
      insertAccount(tx, { openid, displayName: h.name, roles: ['holder'] }, now),
    );
    const me: Principal = { accountId: account.id, roles: ['holder'] };
    await c.services.consent.agree(me, CONSENT_VERSION);
    const first17 = `330102${h.birth}${String(100 + i * 2 + 1).padStart(3, '0')}`;
    await c.services.people.bindIdentity(me, {
      name: h.name,
      idNumber: first17 + checkDigit(first17),
      phone: `1391000${String(1000 + i)}`,
      category: h.category,
    });
    const photo = await c.services.files.upload(me, 'card_photo', {
      field: 'file',
      filename: 'photo.jpg',
      declaredMime: 'image/jpeg',
      bytes: demoPhoto(),
    });
    const doc = await c.services.files.upload(me, 'document', {
      field: 'file',
      filename: 'discharge.pdf',
      declaredMime: 'application/pdf',
      bytes: Buffer.from('%PDF-1.4\n演示材料\n%%EOF'),
    });
    const station = stations[h.station] ?? stations[0];
    const draft = await c.services.applications.create(me, {
      kind: 'new',
      category: h.category,
      photoFileId: photo.id,
      documentFileIds: [doc.id],
      stationId: station.id,
      delivery: 'pickup',
      declarations: {
        expelled: false,
        deprivedOfPoliticalRights: false,
        servingSentence: false,
        wanted: false,
        priorCriminalPunishment: false,
      },
    });
    const id = draft.application.id;
    if (h.stage === 'draft') continue;
    await c.services.applications.submit(me, id);
    const reviewer = asStation(station.id);
    if (h.stage === 'needs_info') {
      await c.services.review.review(reviewer, id, 'request_info', '退伍证照片不清晰，请重新拍摄上传', 'demo');
    } else if (h.stage !== 'submitted') {
      await c.services.review.review(reviewer, id, 'approve', undefined, 'demo');
      if (h.stage !== 'station_approved') {
        await c.services.review.review(asDistrict, id, 'approve', undefined, 'demo');
        if (h.stage === 'card_ready' || h.stage === 'issued') {
          const { batch } = await c.services.batches.create(asDistrict, [id], 'demo');
          await c.services.batches.markArrived(asDistrict, batch.id, 'demo');
          if (h.stage === 'issued') {
            await c.services.review.issue(
              asDistrict,
              id,
              { cardNumber: `DEMO${String(1000 + i)}330102`, handover: 'pickup' },
              'demo',
            );
          }
        }
      }
    }
    // Spread the history over the past weeks so waiting times look like a real queue.
    const shift = h.daysAgo * DAY;
    const events = await em.find(CardApplicationEvent, { where: { applicationId: id }, order: { id: 'ASC' } });
    await c.db.transaction(async (tx) => {
      for (const [k, e] of events.entries()) {
        const at = new Date(now.getTime() - shift + (k * shift) / Math.max(1, events.length));
        await tx.update(CardApplicationEvent, { id: e.id }, { createdAt: at });
      }
      const app = await tx.findOneByOrFail(CardApplication, { id });
      const back = (d: Date | null) => (d ? new Date(d.getTime() - shift) : null);
      await tx.update(
        CardApplication,
        { id },
        {
          createdAt: new Date(now.getTime() - shift - DAY),
          submittedAt: back(app.submittedAt),
          // Later steps keep their order: each is moved back by a shrinking share of the shift.
          approvedAt: app.approvedAt ? new Date(now.getTime() - shift * 0.6) : null,
          readyAt: app.readyAt ? new Date(now.getTime() - shift * 0.3) : null,
          issuedAt: app.issuedAt ? new Date(now.getTime() - shift * 0.1) : null,
          statusChangedAt: new Date(now.getTime() - shift / 2),
        },
      );
    });
  }
}
