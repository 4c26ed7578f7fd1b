import type { Database } from '../../db/database';
import { LodgingBooking } from './lodging-booking.entity';
import { LodgingHotel } from './lodging-hotel.entity';
import { daysOfMonth, parseNights } from './lodging.nights';

/** One row of the figures: a hotel's month, or the total. */
export interface LodgingFigures {
  /** Nights booked and not cancelled (stays, no-shows and those still booked). */
  booked: number;
  stays: number;
  noShows: number;
  cancellations: number;
  /** Free room-nights offered: the quota times the month's nights the hotel did not close. */
  freeRoomNights: number;
  /** stays ÷ freeRoomNights, null when none were offered. */
  occupancy: number | null;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

/**
 * The month's figures per 驿站 (nights in the month, Asia/Shanghai): nights booked, stays, no-shows,
 * cancellations, and how much of the free quota was used. The quota is the hotel's as it stands now.
 */
export class LodgingFiguresService {
  constructor(private readonly db: Database) {}

  async figures(month: string) {
    const em = this.db.manager;
    const days = daysOfMonth(month);
    const [hotels, rows] = await Promise.all([
      em.find(LodgingHotel, { order: { id: 'ASC' } }),
      em
        .createQueryBuilder(LodgingBooking, 'b')
        .select('b.hotel_id', 'hotel_id')
        .addSelect('b.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .where('b.night >= :first AND b.night <= :last', { first: days[0], last: days[days.length - 1] })
        .groupBy('b.hotel_id')
        .addGroupBy('b.status')
        .getRawMany<{ hotel_id: unknown; status: string; n: unknown }>(),
    ]);
    const empty = () => ({ booked: 0, stays: 0, noShows: 0, cancellations: 0, freeRoomNights: 0 });
    const tally = new Map(hotels.map((h) => [h.id, empty()]));
    for (const r of rows) {
      const t = tally.get(Number(r.hotel_id));
      if (!t) continue;
      const n = Number(r.n);
      if (r.status === 'cancelled') t.cancellations += n;
      else t.booked += n;
      if (r.status === 'checked_in') t.stays += n;
      if (r.status === 'no_show') t.noShows += n;
    }
    const total = empty();
    const out = hotels.map((h) => {
      const t = tally.get(h.id)!;
      const closed = new Set(parseNights(h.closedNights));
      t.freeRoomNights = h.dailyQuota * days.filter((d) => !closed.has(d)).length;
      for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += t[k];
      return { hotelId: h.id, hotelName: h.name, ...t, occupancy: ratio(t.stays, t.freeRoomNights) };
    });
    return { month, hotels: out, total: { ...total, occupancy: ratio(total.stays, total.freeRoomNights) } };
  }
}
