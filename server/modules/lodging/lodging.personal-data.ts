import { In, MoreThanOrEqual } from 'typeorm';
import { personalDataPart } from '../../lib/personal-data';
import { transition } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import { shanghaiDate } from '../../lib/working-days';
import { BOOKING_HISTORY } from './lodging-booking-event.entity';
import { LodgingBooking } from './lodging-booking.entity';
import { LodgingHotel } from './lodging-hotel.entity';
import { LodgingNight } from './lodging-night.entity';
import { BOOKING_TRANSITIONS } from './lodging.states';

/**
 * 军人驿站 bookings. Deleting the account cancels the upcoming ones (their rooms go back to the
 * night's quota) and clears the guest's name and phone from every booking; the bookings stay,
 * without them, for the hotels' figures.
 */
export const lodgingPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const rows = await em.find(LodgingBooking, {
      where: { accountId },
      select: {
        id: true,
        hotelId: true,
        night: true,
        guestKind: true,
        guestName: true,
        phoneLast4: true,
        proofStatus: true,
        status: true,
        createdAt: true,
      },
      order: { id: 'DESC' },
    });
    const hotelIds = [...new Set(rows.map((r) => r.hotelId))];
    const hotels = hotelIds.length
      ? await em.find(LodgingHotel, { where: { id: In(hotelIds) }, select: { id: true, name: true } })
      : [];
    const names = new Map(hotels.map((h) => [h.id, h.name]));
    return {
      lodgingBookings: rows.map((b) => ({
        id: b.id,
        hotelName: names.get(b.hotelId) ?? '',
        night: b.night,
        guestKind: b.guestKind,
        guestName: b.guestName,
        phoneLast4: b.phoneLast4,
        proofStatus: b.proofStatus,
        status: b.status,
        createdAt: isoTime(b.createdAt),
      })),
    };
  },
  async erase(em, { accountId, now }) {
    const upcoming = await em.find(LodgingBooking, {
      where: { accountId, status: 'booked', night: MoreThanOrEqual(shanghaiDate(now)) },
    });
    for (const b of upcoming) {
      await transition(em, {
        entity: LodgingBooking,
        id: b.id,
        table: BOOKING_TRANSITIONS,
        action: 'cancel',
        actor: { accountId: null, role: 'system' },
        at: now,
        reason: '账号已注销',
        set: { nightKey: null, cancelReason: '账号已注销', updatedAt: now },
        history: BOOKING_HISTORY,
      });
      await em
        .createQueryBuilder()
        .update(LodgingNight)
        .set({ booked: () => 'booked - 1' })
        .where('hotel_id = :hotelId AND night = :night AND booked > 0', { hotelId: b.hotelId, night: b.night })
        .execute();
    }
    await em.update(LodgingBooking, { accountId }, { guestName: '', phoneCipher: '', phoneLast4: '' });
    return undefined;
  },
});
