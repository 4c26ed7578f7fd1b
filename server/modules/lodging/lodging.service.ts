import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import type { FieldCrypto } from '../../lib/field-crypto';
import { AppError, forbidden, notFound, validationFailed } from '../../lib/errors';
import { maskName, maskPhone } from '../../lib/mask';
import { wechatTime } from '../../lib/notice-template';
import type { Principal } from '../../lib/principal';
import { transition, type TransitionActor } from '../../lib/state-machine';
import { shanghaiDate } from '../../lib/working-days';
import { attachableFile } from '../files/files.service';
import { attachFiles } from '../files/file-use.service';
import type { MerchantsService } from '../merchants/merchants.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { recordAudit } from '../staff/audit.service';
import { BOOKING_HISTORY, LODGING_PROOF_OWNER, LodgingBookingEvent } from './lodging-booking-event.entity';
import { LodgingBooking } from './lodging-booking.entity';
import { LodgingHotel } from './lodging-hotel.entity';
import { LodgingNight } from './lodging-night.entity';
import { LodgingErrors } from './lodging.errors';
import { LODGING_PAGES } from './lodging.pages';
import {
  addDays,
  checkInCloses,
  checkInOpens,
  nightStarts,
  nightsBetween,
  parseNights,
  storeNights,
} from './lodging.nights';
import {
  BOOKING_DAYS_AHEAD,
  BOOKING_TRANSITIONS,
  DEFAULT_DAILY_QUOTA,
  MAX_UPCOMING,
  NO_SHOW_BLOCK_DAYS,
  NO_SHOW_WINDOW_DAYS,
  type BookingActor,
  type BookingAction,
  type BookingStatus,
  type BookingTransition,
  type GuestKind,
  type HotelStatus,
  type ProofStatus,
} from './lodging.states';

export const PHONE_CONTEXT = 'lodging.phone';

export interface NewBooking {
  hotelId: number;
  night: string;
  guestKind: GuestKind;
  guestName: string;
  phone: string;
  proofFileId?: number;
}

export interface HotelInput {
  name?: string;
  dailyQuota?: number;
  rules?: string | null;
  closedNights?: string[];
}

/** A hotel as guests and staff see it: with the shop's address and the free rooms per night. */
export interface HotelView {
  hotel: LodgingHotel;
  address: string | null;
  merchantOpen: boolean;
  nights: Array<{ night: string; free: number }>;
}

/** A booking with what its page shows. */
export interface BookingDetail {
  booking: LodgingBooking;
  hotelName: string;
  address: string | null;
  history: LodgingBookingEvent[];
  allowedActions: string[];
}

/** A booking as the desk sees it: the phone in full on the night only. */
export interface DeskBooking {
  booking: LodgingBooking;
  guestName: string;
  phone: string;
  allowedActions: string[];
}

export interface StaffBookingFilter {
  hotelId?: number;
  status?: BookingStatus;
  proofStatus?: ProofStatus;
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

const DESK_ACTIONS = (b: LodgingBooking, now: Date): string[] =>
  b.status !== 'booked'
    ? []
    : [
        ...(now >= checkInOpens(b.night) && now < checkInCloses(b.night) ? ['check_in'] : []),
        ...(now >= nightStarts(b.night) ? ['no_show'] : []),
        'cancel',
      ];

/**
 * 军人驿站: district staff sign allied merchants as 驿站 with a number of free rooms a night; guests
 * (serving soldiers and their families) book a night; the shop's owner and clerks confirm the stay or
 * mark a no-show at the desk; staff review the proof of status and read the figures.
 */
export class LodgingService {
  constructor(
    private readonly db: Database,
    private readonly merchants: MerchantsService,
    private readonly notifications: NotificationsService,
    private readonly fieldCrypto: FieldCrypto,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- hotels

  /** Active hotels of open shops with the free rooms of each night from today to 14 days ahead. */
  async openHotels(): Promise<HotelView[]> {
    const hotels = await this.db.manager.find(LodgingHotel, { where: { status: 'active' }, order: { id: 'ASC' } });
    const views = await this.views(hotels);
    return views.filter((v) => v.merchantOpen);
  }

  /** One active hotel of an open shop; any other is 404. */
  async openHotel(id: number): Promise<HotelView> {
    const hotel = await this.db.manager.findOneBy(LodgingHotel, { id, status: 'active' });
    const [view] = hotel ? await this.views([hotel]) : [];
    if (!view?.merchantOpen) throw notFound('军人驿站不存在或暂停服务');
    return view;
  }

  /** Every hotel, paused ones too, for staff. */
  async allHotels(): Promise<HotelView[]> {
    return this.views(await this.db.manager.find(LodgingHotel, { order: { id: 'ASC' } }));
  }

  private async views(hotels: LodgingHotel[]): Promise<HotelView[]> {
    if (hotels.length === 0) return [];
    const today = shanghaiDate(this.clock.now());
    const last = addDays(today, BOOKING_DAYS_AHEAD);
    const [shops, counters] = await Promise.all([
      this.merchants.shopsOf(hotels.map((h) => h.merchantId)),
      this.db.manager
        .createQueryBuilder(LodgingNight, 'n')
        .where('n.hotel_id IN (:...ids) AND n.night >= :today AND n.night <= :last', {
          ids: hotels.map((h) => h.id),
          today,
          last,
        })
        .getMany(),
    ]);
    const taken = new Map(counters.map((c) => [`${c.hotelId}:${c.night}`, c.booked]));
    return hotels.map((hotel) => {
      const closed = new Set(parseNights(hotel.closedNights));
      const shop = shops.get(hotel.merchantId);
      return {
        hotel,
        address: shop?.address ?? null,
        merchantOpen: shop?.open ?? false,
        nights: nightsBetween(today, last).map((night) => ({
          night,
          free:
            hotel.status !== 'active' || closed.has(night)
              ? 0
              : Math.max(0, hotel.dailyQuota - (taken.get(`${hotel.id}:${night}`) ?? 0)),
        })),
      };
    });
  }

  /** Staff sign an open allied merchant as a 驿站 (two free rooms a night unless they say otherwise). */
  async createHotel(
    principal: Principal,
    input: HotelInput & { merchantId: number },
    requestId: string,
  ): Promise<HotelView> {
    const shop = (await this.merchants.shopsOf([input.merchantId])).get(input.merchantId);
    if (!shop) throw validationFailed('merchantId', '商户不存在');
    if (!shop.open) throw LodgingErrors.merchantInactive();
    const id = await this.db.transaction(async (em) => {
      const now = this.clock.now();
      if (await em.existsBy(LodgingHotel, { merchantId: input.merchantId })) throw LodgingErrors.hotelExists();
      let inserted: number;
      try {
        const r = await em.insert(LodgingHotel, {
          merchantId: input.merchantId,
          name: input.name ?? shop.name.slice(0, 64),
          dailyQuota: input.dailyQuota ?? DEFAULT_DAILY_QUOTA,
          rules: input.rules ?? null,
          status: 'active',
          closedNights: storeNights(input.closedNights ?? []),
          createdAt: now,
          updatedAt: now,
        });
        inserted = Number(r.identifiers[0].id);
      } catch (err) {
        if (isUniqueViolation(err)) throw LodgingErrors.hotelExists();
        throw err;
      }
      await this.audit(em, principal, 'lodging.hotel_create', 'lodging_hotel', inserted, requestId, now, {
        merchantId: input.merchantId,
        dailyQuota: input.dailyQuota ?? DEFAULT_DAILY_QUOTA,
      });
      return inserted;
    });
    return this.staffHotel(id);
  }

  /** Staff change a hotel's name, quota, rules or closed nights. */
  async updateHotel(principal: Principal, id: number, input: HotelInput, requestId: string): Promise<HotelView> {
    await this.db.transaction(async (em) => {
      const hotel = await em.findOneBy(LodgingHotel, { id });
      if (!hotel) throw notFound('军人驿站不存在');
      const now = this.clock.now();
      const set: Partial<LodgingHotel> = { updatedAt: now };
      if (input.name !== undefined) set.name = input.name;
      if (input.dailyQuota !== undefined) set.dailyQuota = input.dailyQuota;
      if (input.rules !== undefined) set.rules = input.rules;
      if (input.closedNights !== undefined) set.closedNights = storeNights(input.closedNights);
      await em.update(LodgingHotel, { id }, set);
      await this.audit(em, principal, 'lodging.hotel_update', 'lodging_hotel', id, requestId, now, {
        from: { dailyQuota: hotel.dailyQuota, status: hotel.status },
        dailyQuota: input.dailyQuota,
        closedNights: input.closedNights?.length,
      });
    });
    return this.staffHotel(id);
  }

  /** Staff pause a hotel (no new bookings; those made stand) or open it again. */
  async setHotelStatus(principal: Principal, id: number, status: HotelStatus, requestId: string): Promise<HotelView> {
    await this.db.transaction(async (em) => {
      const hotel = await em.findOneBy(LodgingHotel, { id });
      if (!hotel) throw notFound('军人驿站不存在');
      const now = this.clock.now();
      await em.update(LodgingHotel, { id }, { status, updatedAt: now });
      await this.audit(em, principal, `lodging.hotel_${status}`, 'lodging_hotel', id, requestId, now, {
        from: hotel.status,
        to: status,
      });
    });
    return this.staffHotel(id);
  }

  private async staffHotel(id: number): Promise<HotelView> {
    const hotel = await this.db.manager.findOneByOrFail(LodgingHotel, { id });
    return (await this.views([hotel]))[0];
  }

  // ---------------------------------------------------------------- guests

  /**
   * Books one night for the guest.
   * 1. The night is today to 14 days ahead (Asia/Shanghai); the proof, if any, is the guest's own document.
   * 2. Two no-shows within 90 days keep the guest away for 30 days after the second (409 LODGING_BLOCKED).
   * 3. In one transaction: the hotel is active, its shop open and the night not closed (409
   *    LODGING_CLOSED); at most 3 upcoming bookings (409 LIMIT_REACHED); one per guest per night
   *    (409 ALREADY_BOOKED, settled by the unique night key); a room taken from the night's counter
   *    with the guarded `booked < quota` (409 LODGING_FULL when none is left).
   */
  async book(principal: Principal, input: NewBooking): Promise<BookingDetail> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    if (input.night < today || input.night > addDays(today, BOOKING_DAYS_AHEAD)) {
      throw validationFailed('night', `只能预订今天起 ${BOOKING_DAYS_AHEAD} 天内的日期`);
    }
    const blockedUntil = await this.blockedUntil(this.db.manager, principal.accountId, today);
    if (blockedUntil) throw LodgingErrors.blocked(blockedUntil);
    const hotel = await this.db.manager.findOneBy(LodgingHotel, { id: input.hotelId });
    if (!hotel) throw notFound('军人驿站不存在');
    const shop = (await this.merchants.shopsOf([hotel.merchantId])).get(hotel.merchantId);
    if (hotel.status !== 'active' || !shop?.open || parseNights(hotel.closedNights).includes(input.night)) {
      throw LodgingErrors.closed();
    }
    await this.ensureCounter(hotel.id, input.night);

    const id = await this.db.transaction(async (em) => {
      const at = this.clock.now();
      // One guest's bookings take turns (MySQL; SQLite runs one transaction at a time): the count of
      // upcoming nights below then holds when they book several nights at once.
      if (this.db.kind === 'mysql') {
        await em.query('SELECT id FROM account WHERE id = ? FOR UPDATE', [principal.accountId]);
      }
      if (input.proofFileId !== undefined) {
        const file = await attachableFile(em, input.proofFileId, {
          purpose: 'document',
          owners: [principal.accountId],
        });
        if (!file) throw LodgingErrors.proofNotAttachable();
      }
      const nightKey = `${principal.accountId}:${input.night}`;
      if (await em.existsBy(LodgingBooking, { nightKey })) throw LodgingErrors.alreadyBooked();
      const upcoming = await em.countBy(LodgingBooking, {
        accountId: principal.accountId,
        status: 'booked',
        night: MoreThanOrEqual(today),
      });
      if (upcoming >= MAX_UPCOMING) throw LodgingErrors.tooMany(MAX_UPCOMING);
      const taken = await em
        .createQueryBuilder()
        .update(LodgingNight)
        .set({ booked: () => 'booked + 1' })
        .where('hotel_id = :hotelId AND night = :night AND booked < :quota', {
          hotelId: hotel.id,
          night: input.night,
          quota: hotel.dailyQuota,
        })
        .execute();
      if (taken.affected !== 1) throw LodgingErrors.full();
      let bookingId: number;
      try {
        const r = await em.insert(LodgingBooking, {
          hotelId: hotel.id,
          accountId: principal.accountId,
          night: input.night,
          guestKind: input.guestKind,
          guestName: input.guestName,
          phoneCipher: this.fieldCrypto.encrypt(input.phone, PHONE_CONTEXT),
          phoneLast4: input.phone.slice(-4),
          proofFileId: input.proofFileId ?? null,
          proofStatus: input.proofFileId !== undefined ? 'pending' : 'none',
          status: 'booked',
          nightKey,
          cancelReason: null,
          createdAt: at,
          updatedAt: at,
        });
        bookingId = Number(r.identifiers[0].id);
      } catch (err) {
        if (isUniqueViolation(err)) throw LodgingErrors.alreadyBooked();
        throw err;
      }
      if (input.proofFileId !== undefined) {
        await attachFiles(em, [input.proofFileId], { ownerType: LODGING_PROOF_OWNER, ownerId: bookingId });
      }
      const eventId = await this.record(em, bookingId, 'book', null, 'booked', {
        accountId: principal.accountId,
        role: 'guest',
      });
      await this.tellGuest(em, principal.accountId, bookingId, eventId, at, {
        title: '军人驿站预订成功',
        remark: `${input.night} 入住`,
        detail:
          `您已预订${hotel.name} ${input.night} 一晚的免费房间。` +
          (input.proofFileId === undefined
            ? '入住时请携带军官证、士兵证或军属证明，由前台核验。'
            : '您上传的证明材料将由区退役军人事务局审核。'),
      });
      return bookingId;
    });
    return this.getMine(principal, id);
  }

  /**
   * The day (Asia/Shanghai) until which the guest may not book, or null: the latest no-show and the
   * one before it fell within 90 days of each other, and 30 days have not passed since the latest.
   */
  private async blockedUntil(em: EntityManager, accountId: number, today: string): Promise<string | null> {
    const rows = await em.find(LodgingBooking, {
      where: { accountId, status: 'no_show' },
      select: { id: true, night: true },
      order: { night: 'DESC' },
      take: 2,
    });
    if (rows.length < 2) return null;
    const [latest, before] = rows;
    if (addDays(before.night, NO_SHOW_WINDOW_DAYS) < latest.night) return null;
    const until = addDays(latest.night, NO_SHOW_BLOCK_DAYS);
    return today < until ? until : null;
  }

  /** Makes the night's counter row if it is not there yet (a racing booking may make it first). */
  private async ensureCounter(hotelId: number, night: string): Promise<void> {
    if (await this.db.manager.existsBy(LodgingNight, { hotelId, night })) return;
    try {
      await this.db.transaction((em) => em.insert(LodgingNight, { hotelId, night, booked: 0 }));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  /** The guest's bookings, the latest night first. */
  async mine(principal: Principal): Promise<{ rows: LodgingBooking[]; names: Map<number, string> }> {
    const rows = await this.db.manager.find(LodgingBooking, {
      where: { accountId: principal.accountId },
      order: { night: 'DESC', id: 'DESC' },
      take: 100,
    });
    return { rows, names: await this.hotelNames(rows.map((r) => r.hotelId)) };
  }

  /** One of the guest's bookings with its history and what they may do; another guest's is 404. */
  async getMine(principal: Principal, id: number): Promise<BookingDetail> {
    const booking = await this.db.manager.findOneBy(LodgingBooking, { id, accountId: principal.accountId });
    if (!booking) throw notFound('预订不存在');
    return this.detail(booking, this.guestActions(booking));
  }

  /** The guest cancels until 18:00 Beijing on the night (409 CANCEL_TOO_LATE after), freeing the room. */
  async cancelMine(principal: Principal, id: number): Promise<BookingDetail> {
    await this.db.transaction(async (em) => {
      const booking = await em.findOneBy(LodgingBooking, { id, accountId: principal.accountId });
      if (!booking) throw notFound('预订不存在');
      const now = this.clock.now();
      if (booking.status === 'booked' && now >= nightStarts(booking.night)) throw LodgingErrors.cancelTooLate();
      await this.cancelIn(em, booking, 'cancel', { accountId: principal.accountId, role: 'guest' }, null);
    });
    return this.getMine(principal, id);
  }

  /** What the guest may do with a booking now: cancel it while booked, until 18:00 on the night. */
  guestActions(b: LodgingBooking): string[] {
    return b.status === 'booked' && this.clock.now() < nightStarts(b.night) ? ['cancel'] : [];
  }

  // ---------------------------------------------------------------- desk

  /** The 驿站 the caller works the desk of (owner or clerk of its open shop); 404 when the shop is none. */
  private async deskHotel(principal: Principal): Promise<LodgingHotel> {
    const { merchantId } = await this.merchants.counter(principal);
    const hotel = await this.db.manager.findOneBy(LodgingHotel, { merchantId });
    if (!hotel) throw notFound('本店不是军人驿站');
    return hotel;
  }

  /** The 驿站 of the caller's shop, or null when it is none (its portal shows the desk only for one). */
  async deskOf(principal: Principal): Promise<LodgingHotel | null> {
    try {
      return await this.deskHotel(principal);
    } catch (err) {
      if (err instanceof AppError) return null;
      throw err;
    }
  }

  /**
   * The desk's list: one night's bookings (default tonight), or with `upcoming` every booked night
   * from tonight on. Guests' names and phones are masked except on the night itself.
   */
  async deskList(
    principal: Principal,
    night: string | undefined,
  ): Promise<{ hotel: LodgingHotel; night: string | null; bookings: DeskBooking[] }> {
    const hotel = await this.deskHotel(principal);
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const q = this.db.manager
      .createQueryBuilder(LodgingBooking, 'b')
      .where('b.hotel_id = :hotelId', { hotelId: hotel.id })
      .orderBy('b.night', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .take(200);
    if (night) q.andWhere('b.night = :night', { night });
    else q.andWhere('b.night >= :today AND b.status = :booked', { today, booked: 'booked' });
    const rows = await q.getMany();
    return { hotel, night: night ?? null, bookings: rows.map((b) => this.deskView(b, today, now)) };
  }

  private deskView(b: LodgingBooking, today: string, now: Date): DeskBooking {
    const tonight = b.night === today && b.phoneCipher !== '';
    return {
      booking: b,
      guestName: tonight ? b.guestName : maskName(b.guestName),
      phone: tonight ? this.fieldCrypto.decrypt(b.phoneCipher, PHONE_CONTEXT) : maskPhone(b.phoneLast4),
      allowedActions: DESK_ACTIONS(b, now),
    };
  }

  /** The desk confirms the guest stayed: on the night's day, or the next morning until noon. */
  async deskCheckIn(principal: Principal, id: number, requestId: string): Promise<DeskBooking> {
    return this.deskStep(principal, id, requestId, async (em, b, actor, now) => {
      if (b.status === 'booked' && now < checkInOpens(b.night)) throw LodgingErrors.tooEarly('入住当天才能确认入住');
      if (b.status === 'booked' && now >= checkInCloses(b.night)) {
        throw LodgingErrors.checkInClosed();
      }
      const moved = await this.move(em, b.id, 'check_in', actor);
      await this.tellGuest(em, b.accountId, b.id, moved.eventId, now, {
        title: '军人驿站已入住',
        remark: `${b.night} 入住`,
        detail: `您已入住 ${b.night} 的军人驿站免费房间，祝您休息愉快。`,
      });
    });
  }

  /** The desk marks a guest who did not come, once the night has begun (18:00 Beijing). */
  async deskNoShow(principal: Principal, id: number, requestId: string): Promise<DeskBooking> {
    return this.deskStep(principal, id, requestId, async (em, b, actor, now) => {
      if (b.status === 'booked' && now < nightStarts(b.night)) {
        throw LodgingErrors.tooEarly('入住当晚 18:00 后才能标记未入住');
      }
      const moved = await this.move(em, b.id, 'no_show', actor);
      await this.tellGuest(em, b.accountId, b.id, moved.eventId, now, {
        title: '军人驿站预订未入住',
        remark: '驿站登记您未入住',
        detail: `您预订的 ${b.night} 军人驿站房间登记为未入住。90 天内 2 次未入住，30 天内将不能预订。`,
      });
    });
  }

  /** The hotel cancels a booking with the reason the guest reads, freeing the room. */
  async deskCancel(principal: Principal, id: number, reason: string, requestId: string): Promise<DeskBooking> {
    return this.deskStep(principal, id, requestId, async (em, b, actor) => {
      await this.cancelIn(em, b, 'cancel', actor, reason);
    });
  }

  private async deskStep(
    principal: Principal,
    id: number,
    requestId: string,
    step: (em: EntityManager, b: LodgingBooking, actor: TransitionActor, now: Date) => Promise<void>,
  ): Promise<DeskBooking> {
    const hotel = await this.deskHotel(principal);
    const after = await this.db.transaction(async (em) => {
      const b = await em.findOneBy(LodgingBooking, { id, hotelId: hotel.id });
      if (!b) throw notFound('预订不存在');
      const now = this.clock.now();
      await step(em, b, { accountId: principal.accountId, role: 'desk' }, now);
      const moved = await em.findOneByOrFail(LodgingBooking, { id });
      await this.audit(em, principal, `lodging.desk_${moved.status}`, 'lodging_booking', id, requestId, now, {
        hotelId: hotel.id,
        from: b.status,
        to: moved.status,
      });
      return moved;
    });
    const now = this.clock.now();
    return this.deskView(after, shanghaiDate(now), now);
  }

  // ---------------------------------------------------------------- staff

  /** Staff's list of bookings, newest first, filtered; the read is audited (it shows guests' names). */
  async staffList(principal: Principal, filter: StaffBookingFilter, requestId: string) {
    const q = this.db.manager.createQueryBuilder(LodgingBooking, 'b').orderBy('b.id', 'DESC').take(filter.limit);
    if (filter.hotelId) q.andWhere('b.hotel_id = :hotelId', { hotelId: filter.hotelId });
    if (filter.status) q.andWhere('b.status = :status', { status: filter.status });
    if (filter.proofStatus) q.andWhere('b.proof_status = :proof', { proof: filter.proofStatus });
    if (filter.from) q.andWhere('b.night >= :from', { from: filter.from });
    if (filter.to) q.andWhere('b.night <= :to', { to: filter.to });
    if (filter.beforeId) q.andWhere('b.id < :beforeId', { beforeId: filter.beforeId });
    const rows = await q.getMany();
    await this.db.transaction((em) =>
      this.audit(em, principal, 'lodging.bookings_read', 'lodging_booking', null, requestId, this.clock.now(), {
        count: rows.length,
        hotelId: filter.hotelId,
        status: filter.status,
      }),
    );
    return { rows, names: await this.hotelNames(rows.map((r) => r.hotelId)) };
  }

  /** One booking for staff, with the proof's file and the history; the read is audited. */
  async staffGet(principal: Principal, id: number, requestId: string): Promise<BookingDetail> {
    const booking = await this.db.manager.findOneBy(LodgingBooking, { id });
    if (!booking) throw notFound('预订不存在');
    await this.db.transaction((em) =>
      this.audit(em, principal, 'lodging.booking_read', 'lodging_booking', id, requestId, this.clock.now(), {}),
    );
    return this.detail(booking, this.staffActions(principal, booking));
  }

  private staffActions(principal: Principal, b: LodgingBooking): string[] {
    if (!principal.roles.includes('district_staff') || b.status !== 'booked') return [];
    return [...(b.proofStatus === 'pending' ? ['approve_proof', 'reject_proof'] : []), 'cancel'];
  }

  /** Staff accept the proof of status: the booking stands and the desk need not check papers. */
  async approveProof(principal: Principal, id: number, requestId: string): Promise<BookingDetail> {
    return this.staffStep(principal, id, requestId, async (em, b, actor, now) => {
      const r = await em
        .createQueryBuilder()
        .update(LodgingBooking)
        .set({ proofStatus: 'approved', updatedAt: now })
        .where('id = :id AND status = :booked AND proof_status = :pending', {
          id,
          booked: 'booked',
          pending: 'pending',
        })
        .execute();
      if (r.affected !== 1) throw LodgingErrors.proofNotPending();
      const eventId = await this.record(em, id, 'approve_proof', 'booked', 'booked', actor);
      await this.tellGuest(em, b.accountId, id, eventId, now, {
        title: '军人驿站证明材料已通过',
        remark: `${b.night} 入住`,
        detail: `您为 ${b.night} 军人驿站预订上传的证明材料已审核通过。`,
      });
    });
  }

  /** Staff reject the proof with a reason: the booking is cancelled and the room freed. */
  async rejectProof(principal: Principal, id: number, reason: string, requestId: string): Promise<BookingDetail> {
    return this.staffStep(principal, id, requestId, async (em, b, actor) => {
      if (b.proofStatus !== 'pending') throw LodgingErrors.proofNotPending();
      await this.cancelIn(em, b, 'reject_proof', actor, reason, { proofStatus: 'rejected' });
    });
  }

  /** Staff cancel a booking with the reason the guest reads. */
  async staffCancel(principal: Principal, id: number, reason: string, requestId: string): Promise<BookingDetail> {
    return this.staffStep(principal, id, requestId, async (em, b, actor) => {
      await this.cancelIn(em, b, 'cancel', actor, reason);
    });
  }

  private async staffStep(
    principal: Principal,
    id: number,
    requestId: string,
    step: (em: EntityManager, b: LodgingBooking, actor: TransitionActor, now: Date) => Promise<void>,
  ): Promise<BookingDetail> {
    if (!principal.roles.includes('district_staff')) throw forbidden('仅区级工作人员可以办理');
    const after = await this.db.transaction(async (em) => {
      const b = await em.findOneBy(LodgingBooking, { id });
      if (!b) throw notFound('预订不存在');
      const now = this.clock.now();
      await step(em, b, { accountId: principal.accountId, role: 'staff' }, now);
      const moved = await em.findOneByOrFail(LodgingBooking, { id });
      await this.audit(em, principal, `lodging.staff_${moved.status}`, 'lodging_booking', id, requestId, now, {
        from: b.status,
        to: moved.status,
        proofStatus: moved.proofStatus,
      });
      return moved;
    });
    return this.detail(after, this.staffActions(principal, after));
  }

  // ---------------------------------------------------------------- shared steps

  /**
   * Cancels a booked night (guarded: of two racing moves one wins), frees its room on the night's
   * counter and the guest's night key, and tells the guest why.
   */
  private async cancelIn(
    em: EntityManager,
    b: LodgingBooking,
    action: 'cancel' | 'reject_proof',
    actor: TransitionActor,
    reason: string | null,
    set: Partial<LodgingBooking> = {},
  ): Promise<void> {
    const now = this.clock.now();
    const moved = await this.move(em, b.id, action, actor, {
      reason,
      set: { ...set, nightKey: null, cancelReason: reason },
    });
    await em
      .createQueryBuilder()
      .update(LodgingNight)
      .set({ booked: () => 'booked - 1' })
      .where('hotel_id = :hotelId AND night = :night AND booked > 0', { hotelId: b.hotelId, night: b.night })
      .execute();
    if (actor.role === 'system') return;
    const by = { guest: '您已取消', desk: '驿站取消了', staff: '区退役军人事务局取消了', system: '' }[
      actor.role as BookingActor
    ];
    await this.tellGuest(em, b.accountId, b.id, moved.eventId, now, {
      title: action === 'reject_proof' ? '军人驿站证明材料未通过' : '军人驿站预订已取消',
      remark: (reason ?? `${b.night} 的预订已取消`).slice(0, 20),
      detail:
        action === 'reject_proof'
          ? `您为 ${b.night} 上传的证明材料未通过审核，预订已取消。原因：${reason}`
          : `${by} ${b.night} 的军人驿站预订。${reason ? `原因：${reason}` : ''}`,
    });
  }

  private move(
    em: EntityManager,
    id: number,
    action: BookingTransition,
    actor: TransitionActor,
    opts: { reason?: string | null; set?: Partial<LodgingBooking> } = {},
  ) {
    const now = this.clock.now();
    return transition(em, {
      entity: LodgingBooking,
      id,
      table: BOOKING_TRANSITIONS,
      action,
      actor,
      at: now,
      reason: opts.reason ?? null,
      set: { ...opts.set, updatedAt: now },
      history: BOOKING_HISTORY,
    });
  }

  private async record(
    em: EntityManager,
    bookingId: number,
    action: BookingAction,
    from: BookingStatus | null,
    to: BookingStatus,
    actor: TransitionActor,
  ): Promise<number> {
    const r = await em.insert(LodgingBookingEvent, {
      bookingId,
      action,
      fromStatus: from,
      toStatus: to,
      actorAccountId: actor.accountId,
      actorRole: actor.role as BookingActor,
      reason: null,
      createdAt: this.clock.now(),
    });
    return Number(r.identifiers[0].id);
  }

  /** A step the guest hears of: in their timeline and, where they subscribed, as a WeChat notice. */
  private async tellGuest(
    em: EntityManager,
    accountId: number,
    bookingId: number,
    eventId: number,
    now: Date,
    words: { title: string; remark: string; detail: string },
  ): Promise<void> {
    await this.notifications.notify(em, {
      recipient: accountId,
      templateKey: 'service_notice',
      data: { title: words.title, remark: words.remark.slice(0, 20), time: wechatTime(now), detail: words.detail },
      idempotencyKey: `lodging:${bookingId}:${eventId}`,
      page: LODGING_PAGES.myBookings,
    });
  }

  private async audit(
    em: EntityManager,
    principal: Principal,
    action: string,
    targetType: string,
    targetId: number | null,
    requestId: string,
    now: Date,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(
      em,
      { actorAccountId: principal.accountId, action, targetType, targetId, detail, requestId },
      now,
    );
  }

  private async detail(booking: LodgingBooking, actions: string[]): Promise<BookingDetail> {
    const [history, hotel] = await Promise.all([
      this.db.manager.find(LodgingBookingEvent, { where: { bookingId: booking.id }, order: { id: 'ASC' } }),
      this.db.manager.findOneByOrFail(LodgingHotel, { id: booking.hotelId }),
    ]);
    const shop = (await this.merchants.shopsOf([hotel.merchantId])).get(hotel.merchantId);
    return { booking, hotelName: hotel.name, address: shop?.address ?? null, history, allowedActions: actions };
  }

  async hotelNames(ids: readonly number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.find(LodgingHotel, {
      where: { id: In(unique) },
      select: { id: true, name: true },
    });
    return new Map(rows.map((h) => [h.id, h.name]));
  }
}
