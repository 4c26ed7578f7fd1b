import { presentHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import { maskName } from '../../lib/mask';
import type { HolderCategory } from '../../lib/id-number';
import type { HolderComplaint } from './complaints.service';
import type { MerchantComplaint } from './merchant-complaint.entity';
import { COMPLAINT_STATUS_WORDS } from './merchant-complaint.states';
import type { MerchantOffer } from './merchant-offer.entity';
import type { MerchantEvent } from './merchant-event.entity';
import type { Merchant } from './merchant.entity';
import type { MerchantListing } from './browse.service';
import { fromE6 } from './geo';
import type { Redemption } from './redemption.entity';
import type { RedemptionHolder } from './redemptions.service';

const t = (d: Date | null) => (d ? isoTime(d) : null);

export const presentOffer = (o: MerchantOffer) => ({
  id: o.id,
  title: o.title,
  description: o.description,
  kind: o.kind,
  discountText: o.discountText,
  priceFen: o.priceFen,
  faceValueFen: o.faceValueFen,
  perPersonDailyLimit: o.perPersonDailyLimit,
  stockTotal: o.stockTotal,
  stockLeft: o.stockTotal === null ? null : Math.max(0, o.stockTotal - o.stockTaken),
  eligibleCategories: o.eligibleCategories ? (o.eligibleCategories.split(',') as HolderCategory[]) : [],
  validFrom: t(o.validFrom),
  validTo: t(o.validTo),
  status: o.status,
});

export const presentListing = (l: MerchantListing) => ({
  id: l.merchant.id,
  name: l.merchant.name,
  category: l.category ? { id: l.category.id, name: l.category.name } : null,
  address: l.merchant.address,
  lat: fromE6(l.merchant.latE6),
  lng: fromE6(l.merchant.lngE6),
  contactPhone: l.merchant.contactPhone,
  intro: l.merchant.intro,
  distanceM: l.distanceM,
  offers: l.offers.map(presentOffer),
});

/** For the owner and for staff: the whole record, status and review included. */
export const presentMerchantRecord = (m: Merchant) => ({
  id: m.id,
  name: m.name,
  licenseNo: m.licenseNo,
  licenseFileId: m.licenseFileId ?? null,
  categoryId: m.categoryId,
  address: m.address,
  lat: fromE6(m.latE6),
  lng: fromE6(m.lngE6),
  contactPhone: m.contactPhone,
  intro: m.intro,
  status: m.status,
  reason: m.reason,
  upheldComplaints: m.upheldComplaints,
  ownerAccountId: m.ownerAccountId,
  createdAt: isoTime(m.createdAt),
  reviewedAt: t(m.reviewedAt),
});

/** Staff's view: the record and its status history. */
export const presentStaffMerchant = (m: Merchant, history: readonly MerchantEvent[]) => ({
  ...presentMerchantRecord(m),
  history: presentHistory(history),
});

/** What the clerk sees: enough to match the person at the counter, nothing more (the name as on the card). */
export const presentRedemption = (
  r: Redemption,
  person: RedemptionHolder | undefined,
  offer: MerchantOffer | undefined,
  merchant?: Merchant,
) => ({
  id: r.id,
  at: isoTime(r.createdAt),
  holder: { nameMasked: person ? maskName(person.name) : '*', category: person?.category ?? 'veteran' },
  offer: { id: r.offerId, title: offer?.title ?? '' },
  ...(merchant ? { merchant: { id: merchant.id, name: merchant.name } } : {}),
});

/** Staff's view: `hasRedemption` marks a complaint backed by a discount used at that merchant. */
export const presentComplaint = (c: MerchantComplaint) => ({
  id: c.id,
  merchantId: c.merchantId,
  text: c.text,
  status: c.status,
  resolution: c.resolution,
  hasRedemption: c.hasRedemption,
  createdAt: isoTime(c.createdAt),
  handledAt: t(c.handledAt),
});

/** The holder's own complaint: the merchant, the outcome with its reason, and the history. */
export const presentMyComplaint = ({ complaint: c, merchant, history }: HolderComplaint) => ({
  id: c.id,
  merchant: { id: c.merchantId, name: merchant?.name ?? '' },
  text: c.text,
  status: c.status,
  statusText: COMPLAINT_STATUS_WORDS[c.status],
  resolution: c.resolution,
  createdAt: isoTime(c.createdAt),
  handledAt: t(c.handledAt),
  history: history.map((e) => ({
    from: e.fromStatus,
    to: e.toStatus,
    at: isoTime(e.createdAt),
    by: e.actorRole,
    reason: e.reason,
  })),
});
