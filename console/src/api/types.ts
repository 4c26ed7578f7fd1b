/**
 * The API's types, taken from the mini-program's generated declarations (one source: the server's
 * schemas through `npm run gen:api-types`). Types only: nothing of the mini-program is bundled.
 */
import type { paths } from '../../../miniprogram/types/api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } }
  ? Json<R>
  : Op extends { responses: { 201: infer R } }
    ? Json<R>
    : never;

export type QueuePage = Ok<paths['/api/v1/staff/card-applications']['get']>;
export type QueueItem = QueuePage['items'][number];
export type StaffApplication = Ok<paths['/api/v1/staff/card-applications/{id}']['get']>;
export type ReviewDecision = 'approve' | 'reject' | 'request_info';
export type CardStats = Ok<paths['/api/v1/staff/card-stats']['get']>;
export type Me = Ok<paths['/api/v1/me']['get']>;
export type StationList = Ok<paths['/api/v1/stations']['get']>;
export type Batch = Ok<paths['/api/v1/staff/card-batches']['post']>;

/** The queue page with the per-status counts the console's filter chips show, when the server gives them. */
export type QueueAnswer = QueuePage & { counts?: Record<string, number>; statusCounts?: Record<string, number> };

/** The first sign-in step's answer for admin and district accounts (second factor required). */
export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
  enrolled: boolean;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
}

/** A completed sign-in (password alone, or the second factor). */
export interface SignedIn {
  accessToken: string;
  accessTokenExpiresAt?: string;
  user: { id: number; roles: string[] };
  /** Only on the first enrolment: shown once. */
  recoveryCodes?: string[];
}
