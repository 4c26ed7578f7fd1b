import { z } from 'zod';
import { route } from '../../http/route';
import { presentDeskAppointment, presentProvider, presentSlot } from './legal-aid.presenter';
import {
  cancelledSlotView,
  completeBody,
  dayOffBody,
  dayOffParams,
  dayOffRemovedView,
  dayOffView,
  deskAppointmentsView,
  deskAppointmentView,
  figuresQuery,
  idParams,
  legalFiguresView,
  meetingBody,
  notesBody,
  providerAppointmentsQuery,
  providerBody,
  providerView,
  ratingsView,
  reasonBody,
  scheduleBody,
  scheduleView,
} from './legal-aid.schemas';
import type { ProvidersService } from './providers.service';
import type { ServingService } from './serving.service';
import type { LegalSeriesService } from './legal-series.service';
import { legalSeriesQuery, legalSeriesView } from './legal-series.schemas';
import { type DeskPlannerService, presentStaffProvider } from './desk-planner.service';
import { deskSlotsQuery, deskSlotsView, providerPlanView, staffProvidersView } from './desk-planner.schemas';

const DESK = ['lawyer', 'district_staff', 'admin'] as const;
const STAFF = ['district_staff', 'admin'] as const;

/** Providers serve their appointments; staff run profiles, schedules and the desk. */
export const deskRoutes = (
  providers: ProvidersService,
  serving: ServingService,
  planner: DeskPlannerService,
  series: LegalSeriesService,
) => {
  const historyOf = async (id: number) => (await serving.history([id])).get(id) ?? [];
  return [
    route({
      method: 'get',
      path: '/api/v1/provider/appointments',
      tag: 'legal-aid-desk',
      summary:
        'Appointments: a provider sees their own only (with the holder’s name and, while live, phone), ' +
        'staff any provider’s',
      access: DESK,
      query: providerAppointmentsQuery,
      responses: { 200: { description: 'Appointments with private notes', schema: deskAppointmentsView } },
      errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
      handler: async ({ principal, query, requestId }) => {
        const r = await serving.appointments(principal, query, requestId);
        const history = await serving.history(r.appointments.map((a) => a.id));
        return {
          body: {
            items: r.appointments.map((a) =>
              presentDeskAppointment(
                a,
                history.get(a.id) ?? [],
                serving.actionsFor(principal, a),
                r.contacts.get(a.id),
                r.providers.get(a.providerId),
              ),
            ),
            nextCursor: null,
          },
        };
      },
    }),
    ...(['check-in', 'complete', 'no-show'] as const).map((step) =>
      route({
        method: 'post',
        path: `/api/v1/provider/appointments/:id/${step}`,
        tag: 'legal-aid-desk',
        summary:
          step === 'complete'
            ? 'Complete, with private notes (provider and staff only)'
            : step === 'check-in'
              ? 'Check the holder in'
              : 'Mark a no-show (once the time has begun)',
        access: DESK,
        params: idParams,
        ...(step === 'complete' ? { body: completeBody } : {}),
        responses: { 200: { description: 'The appointment', schema: deskAppointmentView } },
        errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'TOO_EARLY', 'FORBIDDEN'],
        handler: async ({ principal, params, body, requestId }) => {
          const appt = await serving.act(
            principal,
            params.id,
            step === 'check-in' ? 'check_in' : step === 'complete' ? 'complete' : 'no_show',
            (body as { notes?: string } | undefined)?.notes,
            requestId,
          );
          return { body: presentDeskAppointment(appt, await historyOf(appt.id), serving.actionsFor(principal, appt)) };
        },
      }),
    ),
    route({
      method: 'put',
      path: '/api/v1/provider/appointments/:id/notes',
      tag: 'legal-aid-desk',
      summary: 'Replace the notes on an appointment (provider and staff only; never shown to the holder)',
      access: DESK,
      params: idParams,
      body: notesBody,
      responses: { 200: { description: 'The appointment', schema: deskAppointmentView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'FORBIDDEN', 'VALIDATION_FAILED'],
      handler: async ({ principal, params, body, requestId }) => {
        const appt = await serving.setNotes(principal, params.id, body.notes, requestId);
        return { body: presentDeskAppointment(appt, await historyOf(appt.id), serving.actionsFor(principal, appt)) };
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/provider/appointments/:id/meeting',
      tag: 'legal-aid-desk',
      summary:
        'Set or change the video meeting (link or meeting number) of a live video appointment; the holder is told',
      access: DESK,
      params: idParams,
      body: meetingBody,
      responses: { 200: { description: 'The appointment', schema: deskAppointmentView } },
      errors: ['NOT_FOUND', 'NOT_VIDEO', 'INVALID_TRANSITION', 'FORBIDDEN', 'VALIDATION_FAILED'],
      handler: async ({ principal, params, body, requestId }) => {
        const appt = await serving.setMeeting(principal, params.id, body.meetingLink, requestId);
        return { body: presentDeskAppointment(appt, await historyOf(appt.id), serving.actionsFor(principal, appt)) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/legal-aid/providers',
      tag: 'legal-aid-desk',
      summary: 'Every provider profile, retired ones last, with the login and map point staff manage',
      access: STAFF,
      responses: { 200: { description: 'Providers', schema: staffProvidersView } },
      handler: async () => ({
        body: { items: (await planner.providers()).map(presentStaffProvider), nextCursor: null },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/legal-aid/providers/:id/schedule',
      tag: 'legal-aid-desk',
      summary: 'A provider’s weekly hours (as they are replaced) and days off from today on',
      access: STAFF,
      params: idParams,
      responses: { 200: { description: 'Hours and days off', schema: providerPlanView } },
      errors: ['NOT_FOUND'],
      handler: async ({ params }) => ({ body: await planner.plan(params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/legal-aid/providers/:id/desk-slots',
      tag: 'legal-aid-desk',
      summary: 'Every slot of a provider in a span (at most 31 days), open or cancelled, with places taken',
      access: STAFF,
      params: idParams,
      query: deskSlotsQuery,
      responses: { 200: { description: 'Slots', schema: deskSlotsView } },
      errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
      handler: async ({ params, query }) => ({ body: { items: await planner.slots(params.id, query.from, query.to) } }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/legal-aid/providers',
      tag: 'legal-aid-desk',
      summary: 'Create a provider profile, optionally linked to a lawyer login',
      access: STAFF,
      body: providerBody,
      responses: { 201: { description: 'The provider', schema: providerView } },
      errors: ['VALIDATION_FAILED', 'ACCOUNT_LINKED', 'FILE_NOT_ATTACHABLE'],
      handler: async ({ principal, body, requestId }) => ({
        status: 201,
        body: presentProvider(await providers.save(principal, body, undefined, requestId)),
      }),
    }),
    route({
      method: 'put',
      path: '/api/v1/staff/legal-aid/providers/:id',
      tag: 'legal-aid-desk',
      summary: 'Replace a provider profile',
      access: STAFF,
      params: idParams,
      body: providerBody,
      responses: { 200: { description: 'The provider', schema: providerView } },
      errors: ['NOT_FOUND', 'VALIDATION_FAILED', 'ACCOUNT_LINKED', 'FILE_NOT_ATTACHABLE'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentProvider(await providers.save(principal, body, params.id, requestId)),
      }),
    }),
    route({
      method: 'put',
      path: '/api/v1/staff/legal-aid/providers/:id/schedule',
      tag: 'legal-aid-desk',
      summary: 'Replace the weekly hours; free future slots are remade, booked ones kept',
      access: STAFF,
      params: idParams,
      body: scheduleBody,
      responses: { 200: { description: 'The schedule and how many slots were made', schema: scheduleView } },
      errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
      handler: async ({ principal, params, body, requestId }) => {
        const r = await providers.replaceSchedule(principal, params.id, body.schedules, requestId);
        return {
          body: {
            schedules: r.schedules.map((s) => ({
              weekday: s.weekday,
              startMinute: s.startMinute,
              endMinute: s.endMinute,
              slotMinutes: s.slotMinutes,
              capacity: s.capacity,
            })),
            slotsMade: r.slotsMade,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/legal-aid/providers/:id/days-off',
      tag: 'legal-aid-desk',
      summary: 'A day off: that day’s free slots are removed; booked ones stay for the desk to cancel',
      access: STAFF,
      params: idParams,
      body: dayOffBody,
      responses: { 201: { description: 'How many booked slots remain that day', schema: dayOffView } },
      errors: ['NOT_FOUND', 'DAY_OFF_EXISTS'],
      handler: async ({ principal, params, body, requestId }) => ({
        status: 201,
        body: await providers.addDayOff(principal, params.id, body.day, body.reason, requestId),
      }),
    }),
    route({
      method: 'delete',
      path: '/api/v1/staff/legal-aid/providers/:id/days-off/:day',
      tag: 'legal-aid-desk',
      summary: 'Take a day off back (today or later): that day’s free slots are made again from the weekly hours',
      access: STAFF,
      params: dayOffParams,
      responses: { 200: { description: 'How many slots were made', schema: dayOffRemovedView } },
      errors: ['NOT_FOUND', 'DAY_OFF_PAST', 'VALIDATION_FAILED'],
      handler: async ({ principal, params, requestId }) => ({
        body: await providers.removeDayOff(principal, params.id, params.day, requestId),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/legal-aid/slots/:id/cancel',
      tag: 'legal-aid-desk',
      summary: 'Cancel a slot with a reason: its holders are told, with the provider’s next free time',
      access: STAFF,
      params: idParams,
      body: reasonBody,
      responses: { 200: { description: 'The slot and how many bookings were cancelled', schema: cancelledSlotView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => {
        const r = await serving.cancelSlot(principal, params.id, body.reason, requestId);
        return { body: { slot: presentSlot(r.slot), status: r.slot.status, cancelled: r.cancelled } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/legal-aid/appointments/:id/cancel',
      tag: 'legal-aid-desk',
      summary: 'Cancel one booking with a reason (the desk may do so at any time)',
      access: STAFF,
      params: idParams,
      body: reasonBody,
      responses: { 200: { description: 'The appointment', schema: deskAppointmentView } },
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => {
        const appt = await serving.cancelAppointment(principal, params.id, body.reason, requestId);
        return { body: presentDeskAppointment(appt, await historyOf(appt.id), serving.actionsFor(principal, appt)) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/legal-aid/flagged',
      tag: 'legal-aid-desk',
      summary: 'Holders with repeated no-shows',
      access: STAFF,
      responses: {
        200: {
          description: 'Flagged holders',
          schema: z.object({
            items: z.array(z.object({ accountId: z.number().int(), noShows: z.number().int() })),
            nextCursor: z.null(),
          }),
        },
      },
      handler: async () => ({ body: { items: await serving.flagged(), nextCursor: null } }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/legal-aid/figures',
      tag: 'legal-aid-desk',
      summary: 'By service type and outcome, no-show rate, ratings per provider, busiest hours',
      access: STAFF,
      query: figuresQuery,
      responses: { 200: { description: 'Figures', schema: legalFiguresView } },
      handler: async ({ query }) => ({ body: await serving.figures(query.days) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/legal-aid/figures/series',
      tag: 'legal-aid-desk',
      summary:
        'Appointments per week (Monday first) or calendar month, Beijing time, by when they start: ' +
        'the last `count` periods, the current one last, and per service type over them',
      access: STAFF,
      query: legalSeriesQuery,
      responses: { 200: { description: 'The series', schema: legalSeriesView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ query }) => ({ body: await series.series(query.period, query.count) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/legal-aid/providers/:id/ratings',
      tag: 'legal-aid-desk',
      summary: 'Ratings and comments of one provider, newest first',
      access: STAFF,
      params: idParams,
      responses: { 200: { description: 'Ratings', schema: ratingsView } },
      handler: async ({ params }) => ({
        body: {
          items: (await serving.ratings(params.id)).map((a) => ({
            appointmentId: a.id,
            rating: a.rating,
            comment: a.comment,
            serviceType: a.serviceType,
          })),
          nextCursor: null,
        },
      }),
    }),
  ];
};
