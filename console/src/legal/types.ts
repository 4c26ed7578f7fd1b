/** The legal-aid desk's API types, from the generated declarations (the server's schemas). */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type StaffProviders = Ok<paths['/api/v1/staff/legal-aid/providers']['get']>;
export type StaffProvider = StaffProviders['items'][number];
export type ProviderPlan = Ok<paths['/api/v1/staff/legal-aid/providers/{id}/schedule']['get']>;
export type ScheduleRow = ProviderPlan['schedules'][number];
export type DeskSlots = Ok<paths['/api/v1/staff/legal-aid/providers/{id}/desk-slots']['get']>;
export type DeskSlot = DeskSlots['items'][number];
export type DeskAppointments = Ok<paths['/api/v1/provider/appointments']['get']>;
export type DeskAppointment = DeskAppointments['items'][number];
export type Ratings = Ok<paths['/api/v1/staff/legal-aid/providers/{id}/ratings']['get']>;
export type Flagged = Ok<paths['/api/v1/staff/legal-aid/flagged']['get']>;
export type ServiceType = ScheduleRow['serviceTypes'][number];
export type Mode = ScheduleRow['modes'][number];
