import { z } from 'zod';
import { clampInstant } from '../../http/bounds';
import { route } from '../../http/route';
import type { Clock } from '../../lib/clock';
import type { BookingService } from './booking.service';
import { presentAppointment, presentProvider, presentSlot, presentWaitlist } from './legal-aid.presenter';
import {
  appointmentView,
  bookingBody,
  idParams,
  myAppointmentsView,
  providersQuery,
  providerView,
  ratingBody,
  slotsQuery,
  slotView,
  waitlistView,
} from './legal-aid.schemas';
import type { ProvidersService } from './providers.service';
import type { ServingService } from './serving.service';

const DAY = 86_400_000;

/** Holders choose a provider and a time, book, wait, cancel, and rate. */
export const legalAidRoutes = (
  providers: ProvidersService,
  booking: BookingService,
  serving: ServingService,
  clock: Clock,
) => {
  const historyOf = async (id: number) => (await booking.history([id])).get(id) ?? [];
  const providerOf = (id: number) => providers.get(id).catch(() => undefined);
  return [
    route({
      method: 'get',
      path: '/api/v1/legal-aid/providers',
      tag: 'legal-aid',
      summary: 'Published profiles of lawyers, mediators and counsellors (点将台), by service type',
      access: 'public',
      query: providersQuery,
      responses: {
        200: { description: 'Providers', schema: z.object({ items: z.array(providerView), nextCursor: z.null() }) },
      },
      handler: async ({ query }) => ({
        body: { items: (await providers.list(query.serviceType)).map(presentProvider), nextCursor: null },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/legal-aid/providers/:id',
      tag: 'legal-aid',
      summary: 'One provider’s profile with rating and cases served',
      access: 'public',
      params: idParams,
      responses: { 200: { description: 'The provider', schema: providerView } },
      errors: ['NOT_FOUND'],
      handler: async ({ params }) => ({ body: presentProvider(await providers.get(params.id)) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/legal-aid/providers/:id/slots',
      tag: 'legal-aid',
      summary: 'A provider’s open times (default: the next 14 days) with the places left',
      access: 'public',
      params: idParams,
      query: slotsQuery,
      responses: { 200: { description: 'Slots', schema: z.object({ items: z.array(slotView) }) } },
      errors: ['NOT_FOUND'],
      handler: async ({ params, query }) => {
        const from = query.from ?? clock.now();
        const to = query.to ?? clampInstant(new Date(from.getTime() + 15 * DAY));
        return { body: { items: (await providers.slots(params.id, from, to)).map(presentSlot) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/legal-aid/appointments',
      tag: 'legal-aid',
      summary: 'Book a place in a slot (capacity is never exceeded; at most 3 future appointments)',
      access: ['holder'],
      proxy: 'legal_aid',
      body: bookingBody,
      responses: { 201: { description: 'The appointment', schema: appointmentView } },
      errors: [
        'NOT_FOUND',
        'SLOT_FULL',
        'ALREADY_BOOKED',
        'SLOT_CANCELLED',
        'SLOT_IN_PAST',
        'TOO_MANY_APPOINTMENTS',
        'VALIDATION_FAILED',
      ],
      handler: async ({ principal, body }) => {
        const { appointment, provider, history } = await booking.book(principal, body);
        return { status: 201, body: presentAppointment(appointment, provider, clock.now(), history) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/legal-aid/appointments/mine',
      tag: 'legal-aid',
      summary: 'The caller’s appointments (newest first) and the times they wait for',
      access: ['holder'],
      proxy: 'legal_aid',
      responses: { 200: { description: 'Appointments and waitlist entries', schema: myAppointmentsView } },
      handler: async ({ principal }) => {
        const m = await booking.mine(principal);
        const now = clock.now();
        const history = await booking.history(m.appointments.map((a) => a.id));
        // The number a phone consultation will call, shown masked on the holder's own page.
        const ownPhone = m.appointments.some((a) => a.mode === 'phone')
          ? await serving.ownPhone(principal.accountId)
          : null;
        return {
          body: {
            items: m.appointments.map((a) =>
              presentAppointment(a, m.providers.get(a.providerId), now, history.get(a.id) ?? [], ownPhone),
            ),
            waitlist: m.waitlist.map((w) => {
              const slot = m.slots.get(w.slotId);
              return presentWaitlist(w, slot, slot ? m.providers.get(slot.providerId) : undefined);
            }),
            nextCursor: null,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/legal-aid/appointments/:id/cancel',
      tag: 'legal-aid',
      summary: 'Cancel, until 2 hours before the start; the place goes to the waitlist',
      access: ['holder'],
      proxy: 'legal_aid',
      params: idParams,
      responses: { 200: { description: 'The appointment', schema: appointmentView } },
      errors: ['NOT_FOUND', 'CANCEL_TOO_LATE', 'INVALID_TRANSITION'],
      handler: async ({ principal, params }) => {
        const { appointment, provider } = await booking.cancel(principal, params.id);
        return { body: presentAppointment(appointment, provider, clock.now(), await historyOf(appointment.id)) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/legal-aid/appointments/:id/review',
      tag: 'legal-aid',
      summary: 'Rate a completed appointment (1–5) with an optional comment',
      access: ['holder'],
      params: idParams,
      body: ratingBody,
      responses: { 200: { description: 'The appointment', schema: appointmentView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'ALREADY_RATED'],
      handler: async ({ principal, params, body }) => {
        const appt = await booking.rate(principal, params.id, body.rating, body.comment);
        return {
          body: presentAppointment(appt, await providerOf(appt.providerId), clock.now(), await historyOf(appt.id)),
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/legal-aid/waitlist',
      tag: 'legal-aid',
      summary: 'Wait for a full slot: a freed place is offered to the first in line, for a limited time',
      access: ['holder'],
      body: bookingBody,
      responses: { 201: { description: 'The waitlist entry', schema: waitlistView } },
      errors: ['NOT_FOUND', 'SLOT_AVAILABLE', 'ALREADY_WAITING', 'ALREADY_BOOKED', 'SLOT_CANCELLED', 'SLOT_IN_PAST'],
      handler: async ({ principal, body }) => ({
        status: 201,
        body: presentWaitlist(await booking.joinWaitlist(principal, body), undefined, undefined),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/legal-aid/waitlist/:id/accept',
      tag: 'legal-aid',
      summary: 'Take the place offered from the waitlist',
      access: ['holder'],
      params: idParams,
      responses: { 201: { description: 'The appointment', schema: appointmentView } },
      errors: ['NOT_FOUND', 'OFFER_EXPIRED', 'TOO_MANY_APPOINTMENTS', 'ALREADY_BOOKED'],
      handler: async ({ principal, params }) => {
        const { appointment, provider, history } = await booking.acceptOffer(principal, params.id);
        return { status: 201, body: presentAppointment(appointment, provider, clock.now(), history) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/legal-aid/waitlist/:id/leave',
      tag: 'legal-aid',
      summary: 'Stop waiting (an offer not taken passes to the next)',
      access: ['holder'],
      params: idParams,
      responses: { 204: { description: 'Left' } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params }) => {
        await booking.leaveWaitlist(principal, params.id);
        return { status: 204 };
      },
    }),
  ];
};
