import { createTestContext, type TestContext } from './helpers/context';
import { approvedMerchant, createOffer } from './helpers/merchants';
import { statementsDuring } from './helpers/statements';

/** A spot no other test of this file uses, far from the shared centre. */
const SPOT = { lat: 30.5728, lng: 104.0668 };
const search = (t: TestContext) => t.http.get(`/api/v1/merchants?lat=${SPOT.lat}&lng=${SPOT.lng}`).expect(200);
const ids = (body: { items: Array<{ id: number }> }) => body.items.map((m) => m.id);

describe('hot paths: nearby search', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('answers the same search again from the instance cache, and reads afresh after any change to the catalogue', async () => {
    const first = await approvedMerchant(t, SPOT);
    const firstOffer = await createOffer(t, first.owner);
    const before = (await search(t)).body;
    expect(ids(before)).toEqual([first.merchantId]);

    let again: typeof before = { items: [] };
    const cached = await statementsDuring(t.container.db, async () => {
      again = (await search(t)).body;
    });
    expect(cached).toEqual([]);
    expect(again).toEqual(before);

    // A newly approved merchant shows at once.
    const second = await approvedMerchant(t, { lat: SPOT.lat + 0.001, lng: SPOT.lng });
    expect(ids((await search(t)).body)).toEqual([first.merchantId, second.merchantId]);

    // So does an offer withdrawn, and a suspension.
    await t.http.post(`/api/v1/merchant/offers/${firstOffer}/withdraw`).set(first.owner.auth).expect(200);
    const afterOffer = (await search(t)).body;
    expect(afterOffer.items[0].offers).toEqual([]);
    await t.http
      .post(`/api/v1/staff/merchants/${second.merchantId}/suspend`)
      .set(first.staff.auth)
      .send({ reason: '多次拒绝优待' })
      .expect(200);
    expect(ids((await search(t)).body)).toEqual([first.merchantId]);

    // A minute later the search is read again (offers start and end on the clock).
    t.clock.advance(60_000);
    const later = await statementsDuring(t.container.db, () => search(t));
    expect(later.length).toBeGreaterThan(0);
  });
});
