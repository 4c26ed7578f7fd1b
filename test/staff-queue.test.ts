import { Person } from '../server/modules/people/person.entity';
import { Station } from '../server/modules/staff/station.entity';
import { PersonSearchIndex } from '../server/modules/cards/person-search-index.entity';
import { birthRange } from '../server/modules/cards/staff-queue.service';
import { createTestContext, type TestContext } from './helpers/context';
import {
  compliantPhoto,
  createDistrictAndStation,
  idNumber,
  loginHolder,
  loginStaff,
  type Session,
} from './helpers/factories';
import { applicationBody, review } from './helpers/cards';

const DAY = 86_400_000;

/** A holder with a chosen identity, photo and document, who applies at a station; returns the application id. */
async function apply(
  t: TestContext,
  who: { name: string; idNumber: string; category: string },
  stationId: number,
): Promise<number> {
  const s = await loginHolder(t);
  await t.http
    .put('/api/v1/me/identity')
    .set(s.auth)
    .send({ name: who.name, idNumber: who.idNumber, phone: '13911112222', category: who.category })
    .expect(200);
  const photo = await t.http
    .post('/api/v1/files')
    .set(s.auth)
    .field('purpose', 'card_photo')
    .attach('file', compliantPhoto(), { filename: 'photo.jpg', contentType: 'image/jpeg' })
    .expect(201);
  const doc = await t.http
    .post('/api/v1/files')
    .set(s.auth)
    .field('purpose', 'document')
    .attach('file', Buffer.from('%PDF-1.7\n证明\n%%EOF'), { filename: 'proof.pdf', contentType: 'application/pdf' })
    .expect(201);
  const draft = await t.http
    .post('/api/v1/card-applications')
    .set(s.auth)
    .send(
      applicationBody({ photoFileId: photo.body.id, documentFileId: doc.body.id }, stationId, {
        category: who.category,
      }),
    )
    .expect(201);
  await t.http.post(`/api/v1/card-applications/${draft.body.id}/submit`).set(s.auth).expect(200);
  return draft.body.id;
}

describe('birth dates of an age range', () => {
  it('uses whole months inside the range and single days at its ends', () => {
    // Aged exactly 47 on 2027-03-10: born 1979-03-11 … 1980-03-10.
    const r = birthRange('2027-03-10', 47, 47);
    expect(r.days[0]).toBe('1979-03-11');
    expect(r.days.at(-1)).toBe('1980-03-10');
    expect(r.months[0]).toBe('1979-04');
    expect(r.months.at(-1)).toBe('1980-02');
    expect(r.months).toHaveLength(11);
    expect(r.days).toHaveLength(21 + 10);
    expect(birthRange('2027-03-10', 50, 40)).toEqual({ months: [], days: [] });
    // Born on 29 February: a year older on 1 March in other years (as ageOn counts).
    const leap = birthRange('2027-02-28', 3, 3);
    expect(leap.days).toContain('2024-02-28');
    expect(leap.days).not.toContain('2024-02-29');
    expect(leap.months[0]).toBe('2023-03');
  });
});

describe('staff queue search (GET /api/v1/staff/card-applications)', () => {
  let t: TestContext;
  let district: Session;
  let station1: Session;
  let otherDistrict: Session;
  let s1: number;
  let s2: number;
  const people = {
    old: { name: '王建国', idNumber: idNumber('19500520', 101), category: 'veteran' },
    birthdayToday: { name: '李红梅', idNumber: idNumber('19800318', 202), category: 'martyr_family' },
    birthdayTomorrow: { name: '王小军', idNumber: idNumber('19800319', 303), category: 'veteran' },
    elsewhere: { name: '张强', idNumber: idNumber('19600101', 404), category: 'veteran' },
  };
  const ids: Record<keyof typeof people, number> = { old: 0, birthdayToday: 0, birthdayTomorrow: 0, elsewhere: 0 };

  beforeAll(async () => {
    t = await createTestContext();
    const place = await createDistrictAndStation(t);
    s1 = place.stationId;
    // A second station of the same district.
    s2 = await t.container.db.transaction(async (em) => {
      const ins = await em.insert(Station, {
        districtId: place.districtId,
        name: '第二服务站',
        address: '路 2 号',
        phone: null,
        createdAt: t.clock.now(),
      });
      return Number(ins.identifiers[0].id);
    });
    const far = await createDistrictAndStation(t);

    ids.old = await apply(t, people.old, s1);
    // Eight days later (Thursday 2027-03-18, six working days on): the first is overdue. Ages are
    // counted on this day too.
    t.clock.advance(8 * DAY);
    district = await loginStaff(t, ['district_staff'], { districtId: place.districtId });
    station1 = await loginStaff(t, ['station_staff'], { stationId: s1, districtId: place.districtId });
    const station2 = await loginStaff(t, ['station_staff'], { stationId: s2, districtId: place.districtId });
    otherDistrict = await loginStaff(t, ['district_staff'], { districtId: far.districtId });
    ids.birthdayToday = await apply(t, people.birthdayToday, s1);
    ids.birthdayTomorrow = await apply(t, people.birthdayTomorrow, s2);
    ids.elsewhere = await apply(t, people.elsewhere, far.stationId);
    await review(t, station2, ids.birthdayTomorrow, 'approve').expect(200);
  }, 120_000);
  afterAll(() => t.close());

  const search = async (who: Session, query: string, status = 200) => {
    const res = await t.http.get(`/api/v1/staff/card-applications?${query}`).set(who.auth).expect(status);
    return res.body;
  };
  const idsOf = (body: { items: Array<{ id: number }> }) => body.items.map((i) => i.id);

  it('lists the district’s applications oldest first, with counts per status and the overdue mark', async () => {
    const body = await search(district, '');
    expect(idsOf(body)).toEqual([ids.old, ids.birthdayToday, ids.birthdayTomorrow]);
    expect(body.counts).toMatchObject({ submitted: 2, station_approved: 1, approved: 0 });
    expect(body.counts.draft).toBeUndefined();
    expect(body.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, false, false]);
    expect(body.items[0]).toMatchObject({ applicantName: '王建国', category: 'veteran', stationId: s1 });
    expect(body.nextCursor).toBeNull();
  });

  it('filters by status without changing the counts', async () => {
    const body = await search(district, 'status=submitted');
    expect(idsOf(body)).toEqual([ids.old, ids.birthdayToday]);
    expect(body.counts).toMatchObject({ submitted: 2, station_approved: 1 });
  });

  it('filters by station, category and overdue', async () => {
    expect(idsOf(await search(district, `stationId=${s2}`))).toEqual([ids.birthdayTomorrow]);
    const martyr = await search(district, 'category=martyr_family');
    expect(idsOf(martyr)).toEqual([ids.birthdayToday]);
    expect(martyr.counts).toMatchObject({ submitted: 1, station_approved: 0 });
    expect(idsOf(await search(district, 'overdue=true'))).toEqual([ids.old]);
    expect(idsOf(await search(district, 'overdue=false'))).toEqual([ids.birthdayToday, ids.birthdayTomorrow]);
  });

  it('filters by age in whole years, birthdays counted to the day', async () => {
    expect(idsOf(await search(district, 'ageMin=47'))).toEqual([ids.old, ids.birthdayToday]);
    expect(idsOf(await search(district, 'ageMax=46'))).toEqual([ids.birthdayTomorrow]);
    expect(idsOf(await search(district, 'ageMin=47&ageMax=47'))).toEqual([ids.birthdayToday]);
    expect(idsOf(await search(district, 'ageMin=70&ageMax=80'))).toEqual([ids.old]);
    expect(idsOf(await search(district, 'ageMin=100'))).toEqual([]);
    const bad = await search(district, 'ageMin=50&ageMax=40', 400);
    expect(bad.error.code).toBe('VALIDATION_FAILED');
  });

  it('searches by name and by the last 4 to 6 characters or the whole ID number', async () => {
    expect(idsOf(await search(district, `q=${encodeURIComponent('王')}`))).toEqual([ids.old, ids.birthdayTomorrow]);
    expect(idsOf(await search(district, `q=${encodeURIComponent('建国')}`))).toEqual([ids.old]);
    expect(idsOf(await search(district, `q=${encodeURIComponent('%')}`))).toEqual([]);
    const id = people.birthdayToday.idNumber;
    for (const q of [id.slice(-4), id.slice(-5), id.slice(-6), id]) {
      expect(idsOf(await search(district, `q=${q}`))).toEqual([ids.birthdayToday]);
    }
    expect(idsOf(await search(district, `q=${people.old.idNumber.slice(-5)}`))).toEqual([ids.old]);
    expect(idsOf(await search(district, 'q=0000'))).toEqual([]);
    expect((await search(district, 'q=123', 400)).error.code).toBe('VALIDATION_FAILED');
    expect((await search(district, 'q=1234567', 400)).error.code).toBe('VALIDATION_FAILED');

    // The index holds keyed hashes only, nothing of the number in plaintext.
    const rows = await t.container.db.manager.find(PersonSearchIndex);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      for (const value of [row.tail4Hash, row.tail5Hash, row.tail6Hash, row.birthMonthHash, row.birthDateHash]) {
        expect(value).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  it('keeps the index in step with a corrected ID number', async () => {
    const person = await t.container.db.manager.findOneByOrFail(Person, { name: '王小军' });
    const corrected = idNumber('19800319', 505);
    const peopleService = t.container.services.people;
    await t.container.db.transaction((em) =>
      em.update(
        Person,
        { id: person.id },
        {
          idNumberCipher: peopleService.encryptIdNumber(corrected),
          idNumberHash: peopleService.blindIndexIdNumber(corrected),
        },
      ),
    );
    expect(idsOf(await search(district, `q=${corrected.slice(-4)}`))).toEqual([ids.birthdayTomorrow]);
    expect(idsOf(await search(district, `q=${people.birthdayTomorrow.idNumber.slice(-4)}`))).toEqual([]);
  });

  it('shows station staff their own station only, and other districts nothing of this one', async () => {
    const mine = await search(station1, '');
    expect(idsOf(mine)).toEqual([ids.old, ids.birthdayToday]);
    expect(mine.counts).toMatchObject({ submitted: 2, station_approved: 0 });
    expect(idsOf(await search(station1, `stationId=${s2}`))).toEqual([]);
    expect(idsOf(await search(station1, `q=${people.birthdayTomorrow.idNumber}`))).toEqual([]);

    const far = await search(otherDistrict, '');
    expect(idsOf(far)).toEqual([ids.elsewhere]);
    expect(idsOf(await search(otherDistrict, `q=${people.old.idNumber.slice(-6)}`))).toEqual([]);
    expect(idsOf(await search(district, `q=${people.elsewhere.idNumber.slice(-6)}`))).toEqual([]);
  });

  it('pages with a cursor, oldest first', async () => {
    const first = await search(district, 'limit=2');
    expect(idsOf(first)).toEqual([ids.old, ids.birthdayToday]);
    const second = await search(district, `limit=2&cursor=${first.nextCursor}`);
    expect(idsOf(second)).toEqual([ids.birthdayTomorrow]);
    expect(second.nextCursor).toBeNull();
    expect(second.counts).toEqual(first.counts);
    const filtered = await search(district, `limit=1&ageMin=47`);
    expect(idsOf(filtered)).toEqual([ids.old]);
    expect(idsOf(await search(district, `limit=1&ageMin=47&cursor=${filtered.nextCursor}`))).toEqual([
      ids.birthdayToday,
    ]);
  });
});
