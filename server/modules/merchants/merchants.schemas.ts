import { z } from 'zod';
import { pageQuery, pageView } from '../../http/pagination';
import { fen, idRef, instant, int32, queryIdRef } from '../../http/bounds';
import { idParam } from '../../http/validate';
import { historyView } from '../../http/history';
import { HOLDER_CATEGORIES } from '../../lib/id-number';
import { COMPLAINT_STATUSES } from './merchant-complaint.states';
import { MERCHANT_STATUSES } from './merchant.states';
import { isValidLicenceNumber } from './licence-number';

export const idParams = z.object({ id: idParam });

export const nearbyQuery = pageQuery.extend({
  lat: z.coerce.number().min(3).max(54),
  lng: z.coerce.number().min(73).max(136),
  radiusKm: z.coerce.number().positive().max(50).default(5),
  categoryId: queryIdRef().optional(),
  q: z.string().trim().min(1).max(32).optional(),
});
export const nearbyCursor = z.object({ d2: z.number().min(0), id: idRef() });

export const merchantApplicationBody = z.strictObject({
  name: z.string().trim().min(2).max(64),
  licenseNo: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(
      z
        .string()
        .regex(/^[0-9A-Z]{18}$/, '统一社会信用代码为 18 位数字或大写字母')
        .refine(isValidLicenceNumber, '统一社会信用代码有误，请对照营业执照核对'),
    ),
  /** The photo of the business licence, uploaded first as a `document` file. */
  licenseFileId: idRef().optional(),
  categoryId: idRef(),
  address: z.string().trim().min(5).max(255),
  lat: z.number().min(3).max(54),
  lng: z.number().min(73).max(136),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请填写手机或座机号码'),
  intro: z.string().trim().max(500).optional(),
});

export const reviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(255).optional(),
});
export const reasonBody = z.strictObject({ reason: z.string().trim().min(2).max(255) });
export const emptyBody = z.strictObject({});

const isoDate = instant();
export const offerBody = z.strictObject({
  title: z.string().trim().min(2).max(64),
  description: z.string().trim().max(500).default(''),
  kind: z.enum(['discount', 'voucher']),
  discountText: z.string().trim().min(1).max(64),
  priceFen: fen(10_000_000).positive().nullable().optional(),
  faceValueFen: fen(10_000_000).positive().nullable().optional(),
  perPersonDailyLimit: int32(1, 100).nullable().optional(),
  /** Vouchers: how many are for sale; null or absent: not limited. */
  stockTotal: int32(1, 100_000).nullable().optional(),
  eligibleCategories: z.array(z.enum(HOLDER_CATEGORIES)).max(4).optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
});
export const offerPatch = offerBody.partial();

export const clerkBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/),
  password: z.string().min(10).max(128),
  displayName: z.string().trim().min(1).max(64),
});

export const redemptionBody = z.strictObject({ qrToken: z.string().min(10).max(200), offerId: idRef() });
export const complaintBody = z.strictObject({ text: z.string().trim().min(5).max(500) });
export const resolveBody = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  resolution: z.string().trim().min(2).max(500),
});
export const categoryBody = z.strictObject({
  name: z.string().trim().min(1).max(32),
  sort: int32(0, 10000).optional(),
  active: z.boolean().optional(),
});
export const categoryPatch = categoryBody.partial();

export const staffMerchantsQuery = pageQuery.extend({
  status: z.enum(MERCHANT_STATUSES).optional(),
  categoryId: queryIdRef().optional(),
  /** Part of the name, licence number (统一社会信用代码), address or phone. */
  q: z.string().trim().max(64).optional(),
});
export const complaintsQuery = pageQuery.extend({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  merchantId: queryIdRef().optional(),
});
export const figuresQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');
/** A span of Beijing calendar days, both ends included; by default the last 30 days. */
export const ownFiguresQuery = z.object({ from: dayText.optional(), to: dayText.optional() });
export const idCursor = z.object({ id: idRef() });

export const offerView = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(['discount', 'voucher']),
  discountText: z.string(),
  priceFen: z.number().int().nullable(),
  faceValueFen: z.number().int().nullable(),
  perPersonDailyLimit: z.number().int().nullable(),
  /** Vouchers: how many are for sale (null: not limited) and how many are left. */
  stockTotal: z.number().int().nullable(),
  stockLeft: z.number().int().nullable(),
  eligibleCategories: z.array(z.enum(HOLDER_CATEGORIES)),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  status: z.enum(['active', 'withdrawn']),
});
export const merchantView = z.object({
  id: z.number().int(),
  name: z.string(),
  category: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  contactPhone: z.string(),
  intro: z.string().nullable(),
  distanceM: z.number().nullable(),
  offers: z.array(offerView),
});
export const nearbyView = pageView(merchantView);
export const categoryView = z.object({ id: z.number().int(), name: z.string(), sort: z.number().int() });
export const complaintView = z.object({
  id: z.number().int(),
  merchantId: z.number().int(),
  text: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  resolution: z.string().nullable(),
  hasRedemption: z.boolean(),
  createdAt: z.string(),
  handledAt: z.string().nullable(),
});
export const complaintPageView = pageView(complaintView);
export const myComplaintView = z.object({
  id: z.number().int(),
  merchant: z.object({ id: z.number().int(), name: z.string() }),
  text: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  statusText: z.string(),
  resolution: z.string().nullable(),
  createdAt: z.string(),
  handledAt: z.string().nullable(),
  history: z.array(
    z.object({
      from: z.enum(COMPLAINT_STATUSES).nullable(),
      to: z.enum(COMPLAINT_STATUSES),
      at: z.string(),
      by: z.enum(['holder', 'staff']),
      reason: z.string().nullable(),
    }),
  ),
});
export const myComplaintsView = pageView(myComplaintView);
/**
 * What the counter learns from a verified card. `photoFileId`: the card's photo, which the clerk's
 * shop may read for a short while after the verification to compare with the person (null when the
 * card has none on record).
 */
export const redemptionResultView = z.object({
  id: z.number().int(),
  at: z.string(),
  holder: z.object({
    nameMasked: z.string(),
    category: z.enum(HOLDER_CATEGORIES),
    photoFileId: z.number().int().nullable(),
  }),
  offer: z.object({ id: z.number().int(), title: z.string() }),
  photoReadableUntil: z.string(),
});
export const redemptionView = z.object({
  id: z.number().int(),
  holder: z.object({ nameMasked: z.string(), category: z.enum(HOLDER_CATEGORIES) }),
  offer: z.object({ id: z.number().int(), title: z.string() }),
});

/** A redemption in a list: when, who (masked), which offer; the holder's own list adds the merchant. */
export const redemptionItemView = redemptionView.extend({
  at: z.string(),
  merchant: z.object({ id: z.number().int(), name: z.string() }).optional(),
});
export const redemptionPageView = pageView(redemptionItemView);
export const merchantRedemptionsView = redemptionPageView.extend({
  daily: z.array(z.object({ day: z.string(), count: z.number().int() })),
});

/** The whole merchant record, for its owner and for staff: status and review included. */
export const merchantRecordView = z.object({
  id: z.number().int(),
  name: z.string(),
  licenseNo: z.string(),
  licenseFileId: z.number().int().nullable(),
  categoryId: z.number().int(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  contactPhone: z.string(),
  intro: z.string().nullable(),
  status: z.enum(MERCHANT_STATUSES),
  reason: z.string().nullable(),
  upheldComplaints: z.number().int(),
  ownerAccountId: z.number().int(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});
/** Staff's view of a merchant: the record and every status change with who made it and why. */
export const staffMerchantView = merchantRecordView.extend({ history: historyView });
export const merchantRecordPageView = pageView(staffMerchantView);
export const myMerchantView = z.object({ role: z.enum(['owner', 'clerk']), merchant: merchantRecordView });
/**
 * The caller's latest application to join, whatever its state, with the category's name and the
 * status changes; null when they never applied.
 */
export const myApplicationView = z.object({
  application: merchantRecordView.extend({ categoryName: z.string().nullable(), history: historyView }).nullable(),
});
/** The shop's own figures over a span of days (owner only). */
export const ownFiguresView = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  uniqueHolders: z.number().int(),
  today: z.number().int(),
  perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  perOffer: z.array(z.object({ offerId: z.number().int(), title: z.string(), count: z.number().int() })),
});
export const clerksView = z.object({
  items: z.array(
    z.object({ accountId: z.number().int(), username: z.string(), displayName: z.string(), since: z.string() }),
  ),
  nextCursor: z.null(),
});
export const staffCategoryView = categoryView.extend({ active: z.boolean() });
export const merchantFiguresView = z.object({
  since: z.string(),
  perMerchant: z.array(
    z.object({
      merchantId: z.number().int(),
      name: z.string(),
      upheldComplaints: z.number().int(),
      count: z.number().int(),
    }),
  ),
  perCategory: z.array(z.object({ categoryId: z.number().int(), count: z.number().int() })),
});

/** Staff's list of complaints: each with the merchant's name. */
export const staffComplaintView = complaintView.extend({ merchantName: z.string().nullable() });
export const staffComplaintPageView = pageView(staffComplaintView);
/** One complaint with both sides: the holder's words and visits, the merchant's record and other complaints. */
export const complaintCaseView = z.object({
  complaint: staffComplaintView,
  history: historyView,
  holder: z.object({
    accountId: z.number().int(),
    nameMasked: z.string().nullable(),
    redemptionsHere: z.number().int(),
    recentRedemptions: z.array(z.string()),
  }),
  merchant: merchantRecordView.nullable(),
  otherComplaints: z.object({ open: z.number().int(), upheld: z.number().int(), dismissed: z.number().int() }),
});
