import { z } from 'zod';
import { businessDay, idRef, instant, int32, joinedWithin, queryIdRef } from '../../http/bounds';
import { historyView } from '../../http/history';
import { idParam } from '../../http/validate';
import { APPOINTMENT_STATUSES } from './appointment.states';
import { MODES, SERVICE_TYPES } from './legal-aid.types';
import { WAITLIST_STATUSES } from './waitlist.states';

export const idParams = z.object({ id: idParam });
/** A provider and one of their days off (`YYYY-MM-DD`, Asia/Shanghai). */
export const dayOffParams = z.object({ id: idParam, day: businessDay() });
const when = instant();

export const providersQuery = z.object({ serviceType: z.enum(SERVICE_TYPES).optional() });
export const slotsQuery = z.object({ from: when.optional(), to: when.optional() });

export const bookingBody = z.strictObject({
  slotId: idRef(),
  serviceType: z.enum(SERVICE_TYPES),
  mode: z.enum(MODES),
  summary: z.string().trim().min(5, '请简要说明要咨询的事项（至少 5 个字）').max(500),
});
export const ratingBody = z.strictObject({ rating: int32(1, 5), comment: z.string().trim().max(500).optional() });
export const completeBody = z.strictObject({ notes: z.string().trim().max(5000).optional() });
export const notesBody = z.strictObject({ notes: z.string().trim().max(5000) });
/** A video meeting: a link (e.g. https://meeting.tencent.com/…) or a meeting number, with its password if any. */
export const meetingBody = z.strictObject({
  meetingLink: z.string().trim().min(6, '请填写会议链接或会议号').max(255),
});
export const reasonBody = z.strictObject({ reason: z.string().trim().min(2).max(255) });

export const providerBody = z.strictObject({
  name: z.string().trim().min(2).max(32),
  kind: z.enum(['lawyer', 'mediator', 'counsellor']),
  firm: z.string().trim().min(2).max(64),
  specialties: joinedWithin(z.array(z.string().trim().min(1).max(16)).max(10), 255),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)).min(1),
  modes: z.array(z.enum(MODES)).min(1),
  languages: joinedWithin(z.array(z.string().trim().min(1).max(12)).max(6), 64).default(['普通话']),
  intro: z.string().trim().max(500).default(''),
  photoFileId: idRef().nullable().optional(),
  accountId: idRef().nullable().optional(),
  active: z.boolean().optional(),
  /** Where the provider meets holders in person; the district desk's window when not given. */
  address: z.string().trim().min(4).max(128).nullable().optional(),
  /** The office on the map (GCJ-02), for the holder's phone to open. */
  location: z
    .strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM');
export const scheduleBody = z.strictObject({
  schedules: z
    .array(
      z.strictObject({
        weekday: int32(1, 7),
        start: hhmm,
        end: hhmm,
        slotMinutes: int32(15, 240).default(30),
        capacity: int32(1, 50).default(1),
        serviceTypes: z.array(z.enum(SERVICE_TYPES)).min(1),
        modes: z.array(z.enum(MODES)).min(1),
      }),
    )
    .max(50),
});
export const dayOffBody = z.strictObject({ day: businessDay(), reason: z.string().trim().max(255).optional() });

export const providerAppointmentsQuery = z.object({
  providerId: queryIdRef().optional(),
  status: z.enum(APPOINTMENT_STATUSES).optional(),
  from: when.optional(),
  to: when.optional(),
});
export const figuresQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

export const providerView = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['lawyer', 'mediator', 'counsellor']),
  firm: z.string(),
  photoFileId: z.number().int().nullable(),
  specialties: z.array(z.string()),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  modes: z.array(z.enum(MODES)),
  languages: z.array(z.string()),
  intro: z.string(),
  address: z.string().nullable(),
  averageRating: z.number().nullable(),
  ratingCount: z.number().int(),
  servedCount: z.number().int(),
});
export const slotView = z.object({
  id: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  remaining: z.number().int(),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  modes: z.array(z.enum(MODES)),
});
export const appointmentView = z.object({
  id: z.number().int(),
  status: z.enum(APPOINTMENT_STATUSES),
  serviceType: z.enum(SERVICE_TYPES),
  mode: z.enum(MODES),
  summary: z.string(),
  startsAt: z.string(),
  provider: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  cancelledBy: z.enum(['holder', 'staff']).nullable(),
  cancelReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
  /** In person: where (the provider's office, else the district desk's window), with map coordinates if known. */
  place: z
    .object({ address: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable() })
    .nullable(),
  /** By phone: the holder's own number the provider will call, masked (138****1234); null if none is bound. */
  callTo: z.string().nullable(),
  /** By video: the meeting link or number the provider set; null until set (and for other ways of meeting). */
  meetingLink: z.string().nullable(),
  allowedActions: z.array(z.string()),
  history: historyView,
});

export const waitlistView = z.object({
  id: z.number().int(),
  status: z.enum(WAITLIST_STATUSES),
  slot: z.object({ id: z.number().int(), startsAt: z.string() }).nullable(),
  provider: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  offerExpiresAt: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
export const myAppointmentsView = z.object({
  items: z.array(appointmentView),
  waitlist: z.array(waitlistView),
  nextCursor: z.null(),
});

/**
 * The provider's and staff's view, with the private notes; `holder` only on the calling provider's
 * own appointments (null when the holder bound no identity; the phone only while the appointment is live).
 */
export const deskAppointmentView = z.object({
  id: z.number().int(),
  status: z.enum(APPOINTMENT_STATUSES),
  serviceType: z.enum(SERVICE_TYPES),
  mode: z.enum(MODES),
  summary: z.string(),
  startsAt: z.string(),
  providerId: z.number().int(),
  providerName: z.string().nullable(),
  holderAccountId: z.number().int(),
  privateNotes: z.string().nullable(),
  meetingLink: z.string().nullable(),
  cancelledBy: z.enum(['holder', 'staff']).nullable(),
  cancelReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
  holder: z.object({ name: z.string(), phone: z.string().nullable() }).nullable().optional(),
  /**
   * What the caller may do now: `check_in` (from the appointment's day), `complete`, `no_show` (once
   * the time has begun), `cancel` (staff), `notes` (not on a cancelled one), `meeting` (a live video one).
   */
  allowedActions: z.array(z.string()),
  history: historyView,
});
export const deskAppointmentsView = z.object({ items: z.array(deskAppointmentView), nextCursor: z.null() });
export const scheduleView = z.object({
  schedules: z.array(
    z.object({
      weekday: z.number().int(),
      startMinute: z.number().int(),
      endMinute: z.number().int(),
      slotMinutes: z.number().int(),
      capacity: z.number().int(),
    }),
  ),
  slotsMade: z.number().int(),
});
export const dayOffView = z.object({ keptBooked: z.number().int() });
/** How many of the day's slots were made (or reopened) from the weekly hours. */
export const dayOffRemovedView = z.object({ slotsMade: z.number().int() });
export const cancelledSlotView = z.object({
  slot: slotView,
  status: z.enum(['open', 'cancelled']),
  cancelled: z.number().int(),
});
export const legalFiguresView = z.object({
  days: z.number().int(),
  byServiceType: z.record(z.string(), z.record(z.string(), z.number().int())),
  noShowRate: z.number().nullable(),
  providers: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      servedCount: z.number().int(),
      ratingCount: z.number().int(),
      averageRating: z.number().nullable(),
    }),
  ),
  busiestHours: z.array(z.object({ hour: z.string(), count: z.number().int() })),
});
export const ratingsView = z.object({
  items: z.array(
    z.object({
      appointmentId: z.number().int(),
      rating: z.number().int().nullable(),
      comment: z.string().nullable(),
      serviceType: z.enum(SERVICE_TYPES),
    }),
  ),
  nextCursor: z.null(),
});
