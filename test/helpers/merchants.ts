import { licenceCheckChar } from '../../server/modules/merchants/licence-number';
import type { TestContext } from './context';
import { loginHolder, loginStaff, unique, type Session } from './factories';

/** The demo district centre used by merchant tests (People's Square area). */
export const CENTRE = { lat: 31.2304, lng: 121.4737 };

let licence = 0;
/** A unified social credit code no other test uses, with its check character. */
export const licenceNo = () => {
  const body = `91310000${String(Date.now() % 1e6).padStart(6, '0')}${String(++licence % 1000).padStart(3, '0')}`;
  return body + licenceCheckChar(body);
};

/** A merchant applied for by a fresh WeChat user and approved by district staff; the owner logged in again. */
export async function approvedMerchant(
  t: TestContext,
  opts: { lat?: number; lng?: number; categoryId?: number; name?: string } = {},
): Promise<{ owner: Session; merchantId: number; staff: Session }> {
  const applicant = await loginHolder(t, unique('shop'));
  const res = await t.http
    .post('/api/v1/merchant-applications')
    .set(applicant.auth)
    .send({
      name: opts.name ?? `拥军商户${unique('')}`.slice(0, 30),
      licenseNo: licenceNo(),
      categoryId: opts.categoryId ?? 2,
      address: '上海市黄浦区人民大道 100 号',
      lat: opts.lat ?? CENTRE.lat,
      lng: opts.lng ?? CENTRE.lng,
      contactPhone: '021-63210000',
    })
    .expect(201);
  const staff = await loginStaff(t, ['district_staff']);
  await t.http
    .post(`/api/v1/staff/merchant-applications/${res.body.id}/review`)
    .set(staff.auth)
    .send({ decision: 'approve' })
    .expect(200);
  // The new role arrives with the next token.
  const refreshed = await t.http
    .post('/api/v1/auth/refresh')
    .send({ refreshToken: applicant.refreshToken })
    .expect(200);
  const owner: Session = {
    accessToken: refreshed.body.accessToken,
    refreshToken: refreshed.body.refreshToken,
    userId: applicant.userId,
    auth: { Authorization: `Bearer ${refreshed.body.accessToken}` },
  };
  return { owner, merchantId: res.body.id, staff };
}

export async function createOffer(
  t: TestContext,
  owner: Session,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const res = await t.http
    .post('/api/v1/merchant/offers')
    .set(owner.auth)
    .send({ title: '退役军人专享 8 折', kind: 'discount', discountText: '8 折', ...extra })
    .expect(201);
  return res.body.id;
}
