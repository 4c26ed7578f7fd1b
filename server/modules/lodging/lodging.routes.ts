import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { LodgingFiguresService } from './lodging-figures.service';
import {
  presentBooking,
  presentBookingDetail,
  presentDeskBooking,
  presentHotel,
  presentStaffBooking,
  presentStaffBookingDetail,
  presentStaffHotel,
} from './lodging.presenter';
import {
  bookingBody,
  bookingDetailView,
  bookingListView,
  deskBookingView,
  deskHotelView,
  deskListView,
  deskQuery,
  figuresQuery,
  figuresView,
  hotelCreateBody,
  hotelListView,
  hotelUpdateBody,
  hotelView,
  idCursor,
  idParams,
  reasonBody,
  staffBookingDetailView,
  staffBookingPageView,
  staffBookingsQuery,
  staffHotelListView,
  staffHotelView,
} from './lodging.schemas';
import type { BookingDetail, DeskBooking, HotelView, LodgingService } from './lodging.service';

const GUEST = ['holder'] as const;
const DESK = ['merchant_owner', 'merchant_clerk'] as const;
const STAFF_READ = ['district_staff', 'admin'] as const;
const STAFF_ACT = ['district_staff'] as const;

/** 军人驿站: guests book free nights, the hotel's desk confirms stays, district staff run the scheme. */
export function lodgingRoutes(lodging: LodgingService, figures: LodgingFiguresService) {
  const detail = async (d: Promise<BookingDetail>) => ({ body: presentBookingDetail(await d) });
  const staffDetail = async (d: Promise<BookingDetail>) => ({ body: presentStaffBookingDetail(await d) });
  const desk = async (d: Promise<DeskBooking>) => ({ body: presentDeskBooking(await d) });
  const staffHotel = async (h: Promise<HotelView>) => ({ body: presentStaffHotel(await h) });
  const bookingResponse = {
    200: { description: 'The booking with its history and the caller’s actions', schema: bookingDetailView },
  };
  const staffBookingResponse = {
    200: { description: 'The booking with its proof, history and the next steps', schema: staffBookingDetailView },
  };
  const deskResponse = { 200: { description: 'The booking as the desk sees it', schema: deskBookingView } };
  const staffHotelResponse = { 200: { description: 'The 驿站', schema: staffHotelView } };
  return [
    route({
      method: 'get',
      path: '/api/v1/lodging/hotels',
      tag: 'lodging',
      summary: 'Active 军人驿站 with their free rooms per night from today to 14 days ahead',
      access: 'authenticated',
      responses: { 200: { description: 'The hotels', schema: hotelListView } },
      handler: async () => ({ body: { items: (await lodging.openHotels()).map(presentHotel) } }),
    }),
    route({
      method: 'get',
      path: '/api/v1/lodging/hotels/:id',
      tag: 'lodging',
      summary: 'One active 驿站 with its rules and free rooms per night',
      access: 'authenticated',
      params: idParams,
      responses: { 200: { description: 'The hotel', schema: hotelView } },
      errors: ['NOT_FOUND'],
      handler: async ({ params }) => ({ body: presentHotel(await lodging.openHotel(params.id)) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/lodging/bookings',
      tag: 'lodging',
      summary: 'Book one free night (today to 14 days ahead) for a serving soldier or a family member',
      access: GUEST,
      body: bookingBody,
      responses: { 201: { description: 'The booking', schema: bookingDetailView } },
      errors: [
        'VALIDATION_FAILED',
        'NOT_FOUND',
        'FILE_NOT_ATTACHABLE',
        'LODGING_CLOSED',
        'LODGING_FULL',
        'LODGING_BLOCKED',
        'ALREADY_BOOKED',
        'LIMIT_REACHED',
      ],
      handler: async ({ principal, body }) => ({ status: 201, ...(await detail(lodging.book(principal, body))) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/lodging/bookings/mine',
      tag: 'lodging',
      summary: 'The caller’s 驿站 bookings, the latest night first',
      access: GUEST,
      responses: { 200: { description: 'The bookings', schema: bookingListView } },
      handler: async ({ principal }) => {
        const { rows, names } = await lodging.mine(principal);
        const present = (b: (typeof rows)[number]) => ({
          ...presentBooking(b, names.get(b.hotelId) ?? ''),
          allowedActions: lodging.guestActions(b),
        });
        return { body: { items: rows.map(present) } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/lodging/bookings/:id',
      tag: 'lodging',
      summary: 'One of the caller’s bookings with its history and what they may do next',
      access: GUEST,
      params: idParams,
      responses: bookingResponse,
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => detail(lodging.getMine(principal, params.id)),
    }),
    route({
      method: 'post',
      path: '/api/v1/lodging/bookings/:id/cancel',
      tag: 'lodging',
      summary: 'Cancel a booking, until 18:00 Beijing on the night; the room is freed',
      access: GUEST,
      params: idParams,
      responses: bookingResponse,
      errors: ['NOT_FOUND', 'CANCEL_TOO_LATE', 'INVALID_TRANSITION'],
      handler: async ({ principal, params }) => detail(lodging.cancelMine(principal, params.id)),
    }),
    route({
      method: 'get',
      path: '/api/v1/lodging/desk',
      tag: 'lodging-desk',
      summary: 'Whether the caller’s shop is a 驿站 whose desk they work (the portal shows the desk only then)',
      access: DESK,
      responses: { 200: { description: 'The shop’s 驿站, if any', schema: deskHotelView } },
      handler: async ({ principal }) => {
        const hotel = await lodging.deskOf(principal);
        return { body: { isHotel: hotel !== null, hotelId: hotel?.id ?? null, hotelName: hotel?.name ?? null } };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/lodging/desk/bookings',
      tag: 'lodging-desk',
      summary:
        'The desk of the caller’s 驿站: one night’s bookings, or without a night every upcoming one; phones in full on the night only',
      access: DESK,
      query: deskQuery,
      responses: { 200: { description: 'The bookings', schema: deskListView } },
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'MERCHANT_INACTIVE'],
      handler: async ({ principal, query }) => {
        const r = await lodging.deskList(principal, query.night);
        return {
          body: {
            hotelId: r.hotel.id,
            hotelName: r.hotel.name,
            night: r.night,
            items: r.bookings.map(presentDeskBooking),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/lodging/desk/bookings/:id/check-in',
      tag: 'lodging-desk',
      summary: 'Confirm the guest stayed (on the night, or the next morning until noon)',
      access: DESK,
      params: idParams,
      responses: deskResponse,
      errors: [
        'NOT_FOUND',
        'FORBIDDEN',
        'MERCHANT_INACTIVE',
        'INVALID_TRANSITION',
        'TOO_EARLY',
        'LODGING_CHECK_IN_CLOSED',
      ],
      handler: async ({ principal, params, requestId }) => desk(lodging.deskCheckIn(principal, params.id, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/lodging/desk/bookings/:id/no-show',
      tag: 'lodging-desk',
      summary: 'Mark a guest who did not come, from 18:00 Beijing on the night',
      access: DESK,
      params: idParams,
      responses: deskResponse,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'MERCHANT_INACTIVE', 'INVALID_TRANSITION', 'TOO_EARLY'],
      handler: async ({ principal, params, requestId }) => desk(lodging.deskNoShow(principal, params.id, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/lodging/desk/bookings/:id/cancel',
      tag: 'lodging-desk',
      summary: 'The hotel cancels a booking with the reason the guest reads; the room is freed',
      access: DESK,
      params: idParams,
      body: reasonBody,
      responses: deskResponse,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'MERCHANT_INACTIVE', 'VALIDATION_FAILED', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) =>
        desk(lodging.deskCancel(principal, params.id, body.reason, requestId)),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/lodging/hotels',
      tag: 'lodging-staff',
      summary: 'Every 驿站, paused ones too, with free rooms per night',
      access: STAFF_READ,
      responses: { 200: { description: 'The hotels', schema: staffHotelListView } },
      handler: async () => ({ body: { items: (await lodging.allHotels()).map(presentStaffHotel) } }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/lodging/hotels',
      tag: 'lodging-staff',
      summary: 'Sign an open allied merchant as a 驿站 (two free rooms a night unless set)',
      access: STAFF_ACT,
      body: hotelCreateBody,
      responses: { 201: { description: 'The 驿站', schema: staffHotelView } },
      errors: ['VALIDATION_FAILED', 'LODGING_HOTEL_EXISTS', 'MERCHANT_INACTIVE'],
      handler: async ({ principal, body, requestId }) => ({
        status: 201,
        ...(await staffHotel(lodging.createHotel(principal, body, requestId))),
      }),
    }),
    route({
      method: 'put',
      path: '/api/v1/staff/lodging/hotels/:id',
      tag: 'lodging-staff',
      summary: 'Change a 驿站’s name, nightly quota, rules or closed nights',
      access: STAFF_ACT,
      params: idParams,
      body: hotelUpdateBody,
      responses: staffHotelResponse,
      errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
      handler: async ({ principal, params, body, requestId }) =>
        staffHotel(lodging.updateHotel(principal, params.id, body, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/lodging/hotels/:id/pause',
      tag: 'lodging-staff',
      summary: 'Pause a 驿站: no new bookings (those made stand)',
      access: STAFF_ACT,
      params: idParams,
      responses: staffHotelResponse,
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params, requestId }) =>
        staffHotel(lodging.setHotelStatus(principal, params.id, 'paused', requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/lodging/hotels/:id/resume',
      tag: 'lodging-staff',
      summary: 'Open a paused 驿站 to bookings again',
      access: STAFF_ACT,
      params: idParams,
      responses: staffHotelResponse,
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params, requestId }) =>
        staffHotel(lodging.setHotelStatus(principal, params.id, 'active', requestId)),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/lodging/bookings',
      tag: 'lodging-staff',
      summary: 'Bookings, newest first, by hotel, status, proof and nights (the read is audited)',
      access: STAFF_READ,
      query: staffBookingsQuery,
      responses: { 200: { description: 'A page of bookings', schema: staffBookingPageView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, query, requestId }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const { rows, names } = await lodging.staffList(
          principal,
          {
            hotelId: query.hotelId,
            status: query.status,
            proofStatus: query.proofStatus,
            from: query.from,
            to: query.to,
            beforeId: cursor?.id,
            limit: query.limit + 1,
          },
          requestId,
        );
        const present = (b: (typeof rows)[number]) => presentStaffBooking(b, names.get(b.hotelId) ?? '');
        return { body: toPage(rows, query.limit, present, (b) => ({ id: b.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/lodging/figures',
      tag: 'lodging-staff',
      summary: 'A month’s nights booked, stays, no-shows, cancellations and use of the free quota per 驿站',
      access: STAFF_READ,
      query: figuresQuery,
      responses: { 200: { description: 'Figures', schema: figuresView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ query }) => ({ body: await figures.figures(query.month) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/lodging/bookings/:id',
      tag: 'lodging-staff',
      summary: 'One booking with its proof of status and history (the read is audited)',
      access: STAFF_READ,
      params: idParams,
      responses: staffBookingResponse,
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params, requestId }) =>
        staffDetail(lodging.staffGet(principal, params.id, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/lodging/bookings/:id/approve-proof',
      tag: 'lodging-staff',
      summary: 'Accept the guest’s proof of status',
      access: STAFF_ACT,
      params: idParams,
      responses: staffBookingResponse,
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, requestId }) =>
        staffDetail(lodging.approveProof(principal, params.id, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/lodging/bookings/:id/reject-proof',
      tag: 'lodging-staff',
      summary: 'Reject the proof of status with a reason: the booking is cancelled and the room freed',
      access: STAFF_ACT,
      params: idParams,
      body: reasonBody,
      responses: staffBookingResponse,
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) =>
        staffDetail(lodging.rejectProof(principal, params.id, body.reason, requestId)),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/lodging/bookings/:id/cancel',
      tag: 'lodging-staff',
      summary: 'Cancel a booking with the reason the guest reads; the room is freed',
      access: STAFF_ACT,
      params: idParams,
      body: reasonBody,
      responses: staffBookingResponse,
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) =>
        staffDetail(lodging.staffCancel(principal, params.id, body.reason, requestId)),
    }),
  ];
}
