import { z } from 'zod';
import { businessDay, idRef, int32, queryIdRef } from '../../http/bounds';
import { historyView } from '../../http/history';
import { pageQuery, pageView } from '../../http/pagination';
import { idParam } from '../../http/validate';
import { BOOKING_STATUSES, GUEST_KINDS, HOTEL_STATUSES, PROOF_STATUSES } from './lodging.states';

export const idParams = z.object({ id: idParam });
export const idCursor = z.object({ id: z.number().int().positive() });

const guestName = z
  .string()
  .trim()
  .min(1, '请填写入住人姓名')
  .max(30, '姓名不超过 30 个字')
  .regex(/^[\p{Script=Han}A-Za-z·•.\s]+$/u, '姓名只能包含汉字、字母和间隔号');
const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码');
const reason = z.string().trim().min(2, '请填写原因').max(255);

export const bookingBody = z.strictObject({
  hotelId: idRef(),
  /** The night (Asia/Shanghai): today to 14 days ahead. */
  night: businessDay(),
  guestKind: z.enum(GUEST_KINDS),
  guestName,
  phone,
  /** The guest's own uploaded document (军官证、士兵证 or 军属证明); without it the desk checks papers. */
  proofFileId: idRef().optional(),
});
export const reasonBody = z.strictObject({ reason });

const closedNights = z.array(businessDay()).max(60);
export const hotelCreateBody = z.strictObject({
  merchantId: idRef(),
  /** The name guests see; the shop's name when not given. */
  name: z.string().trim().min(1).max(64).optional(),
  dailyQuota: int32(1, 50).optional(),
  rules: z.string().trim().max(1000).optional(),
  closedNights: closedNights.optional(),
});
export const hotelUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  dailyQuota: int32(1, 50).optional(),
  rules: z.string().trim().max(1000).nullable().optional(),
  closedNights: closedNights.optional(),
});

export const deskQuery = z.object({ night: businessDay().optional() });
export const staffBookingsQuery = pageQuery.extend({
  hotelId: queryIdRef().optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  proofStatus: z.enum(PROOF_STATUSES).optional(),
  from: businessDay().optional(),
  to: businessDay().optional(),
});
export const figuresQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM') });

export const hotelView = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string().nullable(),
  dailyQuota: z.number().int(),
  rules: z.string().nullable(),
  nights: z.array(z.object({ night: z.string(), free: z.number().int() })),
});
export const hotelListView = z.object({ items: z.array(hotelView) });
export const staffHotelView = hotelView.extend({
  merchantId: z.number().int(),
  merchantOpen: z.boolean(),
  status: z.enum(HOTEL_STATUSES),
  closedNights: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const staffHotelListView = z.object({ items: z.array(staffHotelView) });

export const bookingView = z.object({
  id: z.number().int(),
  hotelId: z.number().int(),
  hotelName: z.string(),
  night: z.string(),
  guestKind: z.enum(GUEST_KINDS),
  guestName: z.string(),
  phoneMasked: z.string(),
  proofStatus: z.enum(PROOF_STATUSES),
  /** True when the desk checks the guest's papers at check-in (no proof approved beforehand). */
  deskChecksProof: z.boolean(),
  status: z.enum(BOOKING_STATUSES),
  statusText: z.string(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});
export const bookingListView = z.object({
  items: z.array(bookingView.extend({ allowedActions: z.array(z.string()) })),
});
export const bookingDetailView = bookingView.extend({
  address: z.string().nullable(),
  history: historyView,
  allowedActions: z.array(z.string()),
});
export const staffBookingView = bookingView.extend({ accountId: z.number().int() });
export const staffBookingPageView = pageView(staffBookingView);
export const staffBookingDetailView = bookingDetailView.extend({
  accountId: z.number().int(),
  proofFileId: z.number().int().nullable(),
});

export const deskHotelView = z.object({
  /** False when the caller's shop is not a 驿站 (or not open): the portal hides the desk. */
  isHotel: z.boolean(),
  hotelId: z.number().int().nullable(),
  hotelName: z.string().nullable(),
});

export const deskBookingView = z.object({
  id: z.number().int(),
  night: z.string(),
  guestKind: z.enum(GUEST_KINDS),
  guestName: z.string(),
  /** In full on the night, masked before it. */
  phone: z.string(),
  deskChecksProof: z.boolean(),
  status: z.enum(BOOKING_STATUSES),
  statusText: z.string(),
  allowedActions: z.array(z.string()),
});
export const deskListView = z.object({
  hotelId: z.number().int(),
  hotelName: z.string(),
  night: z.string().nullable(),
  items: z.array(deskBookingView),
});

const figuresRow = z.object({
  booked: z.number().int(),
  stays: z.number().int(),
  noShows: z.number().int(),
  cancellations: z.number().int(),
  freeRoomNights: z.number().int(),
  occupancy: z.number().nullable(),
});
export const figuresView = z.object({
  month: z.string(),
  hotels: z.array(figuresRow.extend({ hotelId: z.number().int(), hotelName: z.string() })),
  total: figuresRow,
});
