import { readyHolder } from './helpers/cards';
import { createTestContext, type TestContext } from './helpers/context';
import { compliantPhoto, loginHolder, loginStaff, makeJpeg, type Session } from './helpers/factories';

/**
 * A file id from a client is attached only by its owner and only where its purpose allows: a
 * provider's published photo must be a `profile_photo` uploaded by the staff member attaching it
 * or by the provider's own login. Nothing else turns public by being pointed at.
 */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (size: number) => Buffer.concat([PNG_SIGNATURE, Buffer.alloc(size - PNG_SIGNATURE.length)]);

describe('attaching files', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const upload = (who: Session, purpose: string, bytes: Buffer, filename = 'photo.jpg') =>
    t.http
      .post('/api/v1/files')
      .set(who.auth)
      .field('purpose', purpose)
      .attach('file', bytes, { filename, contentType: 'application/octet-stream' });
  const profilePhoto = async (who: Session) =>
    (await upload(who, 'profile_photo', makeJpeg({ width: 300, height: 400, size: 40 * 1024 })).expect(201)).body
      .id as number;
  const download = (id: number, who: Session) => t.http.get(`/api/v1/files/${id}`).set(who.auth);
  const provider = (extra: Record<string, unknown> = {}) => ({
    name: '周律师',
    kind: 'lawyer',
    firm: '拥军律师事务所',
    specialties: ['劳动争议'],
    serviceTypes: ['consultation'],
    modes: ['phone'],
    ...extra,
  });
  const createProvider = (staff: Session, extra: Record<string, unknown>) =>
    t.http.post('/api/v1/staff/legal-aid/providers').set(staff.auth).send(provider(extra));

  function expectNotAttachable(res: {
    status: number;
    body: { error?: { code: string; details?: Array<{ field: string }> } };
  }): void {
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: 'FILE_NOT_ATTACHABLE' });
    expect(res.body.error!.details!.map((d) => d.field)).toEqual(['photoFileId']);
  }

  it('takes profile photos as JPEG or PNG of at most 2 MB', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    const ok = await upload(staff, 'profile_photo', png(100 * 1024), 'me.png').expect(201);
    expect(ok.body).toMatchObject({ purpose: 'profile_photo', mime: 'image/png' });
    expect(
      (await upload(staff, 'profile_photo', Buffer.from('%PDF-1.7\n%%EOF\n'), 'me.pdf').expect(415)).body.error.code,
    ).toBe('UNSUPPORTED_FILE_TYPE');
    expect(
      (await upload(staff, 'profile_photo', png(2 * 1024 * 1024 + 1), 'big.png').expect(413)).body.error.code,
    ).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a holder’s ID document as a provider photo, and the document stays private', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    const holder = await readyHolder(t);
    const stranger = await loginHolder(t);

    expectNotAttachable(await createProvider(staff, { photoFileId: holder.documentFileId }));
    expectNotAttachable(await createProvider(staff, { photoFileId: holder.photoFileId }));
    // Nor by editing a profile that exists.
    const created = await createProvider(staff, {}).expect(201);
    expectNotAttachable(
      await t.http
        .put(`/api/v1/staff/legal-aid/providers/${created.body.id}`)
        .set(staff.auth)
        .send(provider({ photoFileId: holder.documentFileId })),
    );
    expect(
      (await t.http.get(`/api/v1/legal-aid/providers/${created.body.id}`).expect(200)).body.photoFileId,
    ).toBeNull();

    await download(holder.documentFileId, stranger).expect(404);
    await download(holder.photoFileId, stranger).expect(404);
    await download(holder.documentFileId, holder).expect(200);
  });

  it('refuses a card photo as a provider photo, even the staff member’s own', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    const cardPhoto = (await upload(staff, 'card_photo', compliantPhoto()).expect(201)).body.id;
    const document = (await upload(staff, 'document', Buffer.from('%PDF-1.7\n简历\n%%EOF\n'), 'cv.pdf').expect(201))
      .body.id;
    expectNotAttachable(await createProvider(staff, { photoFileId: cardPhoto }));
    expectNotAttachable(await createProvider(staff, { photoFileId: document }));
    const holder = await loginHolder(t);
    await download(cardPhoto, holder).expect(404);
    await download(document, holder).expect(404);
  });

  it('attaches the staff member’s own profile photo, which any logged-in holder may then read', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    const photo = await profilePhoto(staff);
    const holder = await loginHolder(t);
    await download(photo, holder).expect(404);

    const created = await createProvider(staff, { photoFileId: photo }).expect(201);
    expect(created.body.photoFileId).toBe(photo);
    const read = await download(photo, holder).expect(200);
    expect(read.headers['content-type']).toBe('image/jpeg');

    // Another staff member may keep the photo the profile already shows when editing it.
    const colleague = await loginStaff(t, ['district_staff']);
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${created.body.id}`)
      .set(colleague.auth)
      .send(provider({ photoFileId: photo, intro: '擅长劳动争议' }))
      .expect(200);
    // A profile taken off the desk no longer shows its photo to holders.
    await t.http
      .put(`/api/v1/staff/legal-aid/providers/${created.body.id}`)
      .set(staff.auth)
      .send(provider({ photoFileId: photo, active: false }))
      .expect(200);
    await download(photo, holder).expect(404);
  });

  it('attaches a profile photo the provider uploaded themselves, but not one of a third account', async () => {
    const staff = await loginStaff(t, ['district_staff']);
    const lawyer = await loginStaff(t, ['lawyer']);
    const other = await loginStaff(t, ['district_staff']);
    const theirs = await profilePhoto(lawyer);
    const someoneElses = await profilePhoto(other);

    expectNotAttachable(await createProvider(staff, { photoFileId: someoneElses, accountId: lawyer.userId }));
    // The lawyer's own photo, but for a profile not linked to them.
    expectNotAttachable(await createProvider(staff, { photoFileId: theirs }));
    const created = await createProvider(staff, { photoFileId: theirs, accountId: lawyer.userId }).expect(201);
    expect(created.body.photoFileId).toBe(theirs);
    await download(theirs, await loginHolder(t)).expect(200);
    await download(someoneElses, await loginHolder(t)).expect(404);
  });
});
