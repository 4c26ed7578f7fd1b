import { createBureau, issuedCard, readyHolder, submittedApplication } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { unique } from './helpers/factories';

/**
 * The holder's card carries the photo it was issued with, so the page at the counter can show it
 * beside the QR code: the holder reads it through the files API like any file of their own, nobody
 * else does.
 */

let t: TestContext;
let bureau: Awaited<ReturnType<typeof createBureau>>;

beforeAll(async () => {
  t = await createTestContext();
  bureau = await createBureau(t);
});
afterAll(() => t.close());

const cardNumberFor = (prefix: string) =>
  unique(prefix)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 32);

describe('the photo on the electronic card', () => {
  it('is the photo of the application the card was issued on, readable by its holder only', async () => {
    const h = await readyHolder(t);
    const applicationId = await submittedApplication(t, h, bureau.stationId);
    await issuedCard(t, bureau, applicationId, cardNumberFor('PHO'));

    const card = await t.http.get('/api/v1/me/card').set(h.auth).expect(200);
    expect(card.body.photoFileId).toBe(h.photoFileId);

    const file = await t.http.get(`/api/v1/files/${card.body.photoFileId}`).set(h.auth).expect(200);
    expect(file.header['content-type']).toContain('image/jpeg');

    const other = await readyHolder(t);
    const refused = await t.http.get(`/api/v1/files/${card.body.photoFileId}`).set(other.auth);
    expect(refused.status).toBe(404);

    // Reporting the card lost answers with the same view, photo included.
    const lost = await t.http.post('/api/v1/me/card/report-lost').set(h.auth).expect(200);
    expect(lost.body.photoFileId).toBe(h.photoFileId);
  });
});
