import { maskPhone } from '../../lib/mask';
import { presentHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import type { LodgingBooking } from './lodging-booking.entity';
import { parseNights } from './lodging.nights';
import type { BookingDetail, DeskBooking, HotelView } from './lodging.service';
import { BOOKING_STATUS_WORDS } from './lodging.states';

export function presentHotel(v: HotelView) {
  return {
    id: v.hotel.id,
    name: v.hotel.name,
    address: v.address,
    dailyQuota: v.hotel.dailyQuota,
    rules: v.hotel.rules,
    nights: v.nights,
  };
}

export function presentStaffHotel(v: HotelView) {
  return {
    ...presentHotel(v),
    merchantId: v.hotel.merchantId,
    merchantOpen: v.merchantOpen,
    status: v.hotel.status,
    closedNights: parseNights(v.hotel.closedNights),
    createdAt: isoTime(v.hotel.createdAt),
    updatedAt: isoTime(v.hotel.updatedAt),
  };
}

/** A booking as its guest and staff see it: the phone always masked. */
export function presentBooking(b: LodgingBooking, hotelName: string) {
  return {
    id: b.id,
    hotelId: b.hotelId,
    hotelName,
    night: b.night,
    guestKind: b.guestKind,
    guestName: b.guestName,
    phoneMasked: b.phoneLast4 ? maskPhone(b.phoneLast4) : '',
    proofStatus: b.proofStatus,
    deskChecksProof: b.proofStatus !== 'approved',
    status: b.status,
    statusText: BOOKING_STATUS_WORDS[b.status],
    cancelReason: b.cancelReason,
    createdAt: isoTime(b.createdAt),
  };
}

export function presentBookingDetail(d: BookingDetail) {
  return {
    ...presentBooking(d.booking, d.hotelName),
    address: d.address,
    history: presentHistory(d.history),
    allowedActions: d.allowedActions,
  };
}

export function presentStaffBooking(b: LodgingBooking, hotelName: string) {
  return { ...presentBooking(b, hotelName), guestName: b.guestName, accountId: b.accountId };
}

export function presentStaffBookingDetail(d: BookingDetail) {
  return { ...presentBookingDetail(d), accountId: d.booking.accountId, proofFileId: d.booking.proofFileId };
}

export function presentDeskBooking(d: DeskBooking) {
  return {
    id: d.booking.id,
    night: d.booking.night,
    guestKind: d.booking.guestKind,
    guestName: d.guestName,
    phone: d.phone,
    deskChecksProof: d.booking.proofStatus !== 'approved',
    status: d.booking.status,
    statusText: BOOKING_STATUS_WORDS[d.booking.status],
    allowedActions: d.allowedActions,
  };
}
