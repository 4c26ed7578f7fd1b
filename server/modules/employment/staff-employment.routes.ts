import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { EmploymentFiguresService } from './employment-figures.service';
import type { EmployersService } from './employers.service';
import {
  applicationListView,
  attendanceBody,
  employerDetailView,
  employerPageView,
  fairBody,
  fairListView,
  fairSignupParams,
  fairView,
  figuresQuery,
  figuresView,
  idCursor,
  idParams,
  intentionBody,
  intentionView,
  postingDetailView,
  postingPageView,
  reasonBody,
  reviewBody,
  signupResultView,
  staffEmployersQuery,
  staffPostingsQuery,
  staffSignupListView,
} from './employment.schemas';
import {
  presentApplicationDetail,
  presentEmployer,
  presentEmployerDetail,
  presentFair,
  presentIntention,
  presentPosting,
  presentPostingDetail,
  presentSignup,
} from './employment.presenter';
import type { FairsService } from './fairs.service';
import type { JobApplicationsService } from './job-applications.service';
import type { PostingsService } from './postings.service';

const STAFF_READ = ['station_staff', 'district_staff', 'admin'] as const;
const STAFF_ACT = ['district_staff'] as const;
const NOBODY = { saved: false, applied: false };

/** District staff review employers, oversee postings, run fairs and read the figures; others read. */
export function staffEmploymentRoutes(
  employers: EmployersService,
  postings: PostingsService,
  applications: JobApplicationsService,
  fairs: FairsService,
  figures: EmploymentFiguresService,
) {
  const employerDetail = { 200: { description: 'The employer with its history', schema: employerDetailView } };
  const fairDetail = { 200: { description: 'The fair', schema: fairView } };
  return [
    route({
      method: 'get',
      path: '/api/v1/staff/employment/employers',
      tag: 'employment-staff',
      summary: 'Employers, newest first, by status',
      access: STAFF_READ,
      query: staffEmployersQuery,
      responses: { 200: { description: 'A page of employers', schema: employerPageView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const rows = await employers.staffList({ status: query.status, beforeId: cursor?.id, limit: query.limit + 1 });
        return { body: toPage(rows, query.limit, presentEmployer, (e) => ({ id: e.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/employment/employers/:id',
      tag: 'employment-staff',
      summary: 'One employer with its review history',
      access: STAFF_READ,
      params: idParams,
      responses: employerDetail,
      errors: ['NOT_FOUND'],
      handler: async ({ params }) => ({ body: presentEmployerDetail(await employers.staffGet(params.id)) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/employment/employers/:id/review',
      tag: 'employment-staff',
      summary: 'Approve or reject (with a reason) a submitted employer',
      access: STAFF_ACT,
      params: idParams,
      body: reviewBody,
      responses: employerDetail,
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentEmployerDetail(
          await employers.review(principal, params.id, body.decision, body.reason, requestId),
        ),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/employment/employers/:id/suspend',
      tag: 'employment-staff',
      summary: 'Suspend an approved employer, with a reason',
      access: STAFF_ACT,
      params: idParams,
      body: reasonBody,
      responses: employerDetail,
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentEmployerDetail(await employers.setSuspended(principal, params.id, true, body.reason, requestId)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/employment/employers/:id/restore',
      tag: 'employment-staff',
      summary: 'Restore a suspended employer',
      access: STAFF_ACT,
      params: idParams,
      responses: employerDetail,
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, requestId }) => ({
        body: presentEmployerDetail(await employers.setSuspended(principal, params.id, false, undefined, requestId)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/employment/postings',
      tag: 'employment-staff',
      summary: 'Every posting, newest first, by status and employer',
      access: STAFF_READ,
      query: staffPostingsQuery,
      responses: { 200: { description: 'A page of postings', schema: postingPageView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const { rows, names, today } = await postings.staffList({
          status: query.status,
          employerId: query.employerId,
          beforeId: cursor?.id,
          limit: query.limit + 1,
        });
        const present = (p: (typeof rows)[number]) => presentPosting(p, names.get(p.employerId) ?? '', today);
        return { body: toPage(rows, query.limit, present, (p) => ({ id: p.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/employment/postings/:id',
      tag: 'employment-staff',
      summary: 'One posting with its history',
      access: STAFF_READ,
      params: idParams,
      responses: { 200: { description: 'The posting', schema: postingDetailView } },
      errors: ['NOT_FOUND'],
      handler: async ({ params }) => ({ body: presentPostingDetail(await postings.staffGet(params.id), NOBODY) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/employment/postings/:id/take-down',
      tag: 'employment-staff',
      summary: 'Take a posting down, with the reason its employer reads',
      access: STAFF_ACT,
      params: idParams,
      body: reasonBody,
      responses: { 200: { description: 'The posting', schema: postingDetailView } },
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentPostingDetail(await postings.takeDown(principal, params.id, body.reason, requestId), NOBODY),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/employment/postings/:id/applications',
      tag: 'employment-staff',
      summary: 'The applications to a posting with the profiles sent (the read is logged)',
      access: STAFF_READ,
      params: idParams,
      responses: { 200: { description: 'Applications', schema: applicationListView } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params, requestId }) => ({
        body: {
          items: (await applications.staffForPosting(principal, params.id, requestId)).map(presentApplicationDetail),
        },
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/employment/fairs',
      tag: 'employment-staff',
      summary: 'Every job fair, latest day first',
      access: STAFF_READ,
      responses: { 200: { description: 'Fairs', schema: fairListView } },
      handler: async () => ({ body: { items: (await fairs.staffList()).map(presentFair) } }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/employment/fairs',
      tag: 'employment-staff',
      summary: 'Create a job fair with its participating employers',
      access: STAFF_ACT,
      body: fairBody,
      responses: { 201: { description: 'The fair', schema: fairView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, body, requestId }) => ({
        status: 201,
        body: presentFair(await fairs.create(principal, body, requestId)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/employment/fairs/:id',
      tag: 'employment-staff',
      summary: 'One job fair',
      access: STAFF_READ,
      params: idParams,
      responses: fairDetail,
      errors: ['NOT_FOUND'],
      handler: async ({ params }) => ({ body: presentFair(await fairs.staffGet(params.id)) }),
    }),
    route({
      method: 'put',
      path: '/api/v1/staff/employment/fairs/:id',
      tag: 'employment-staff',
      summary: 'Edit a job fair (a capacity below the signups standing is refused)',
      access: STAFF_ACT,
      params: idParams,
      body: fairBody,
      responses: fairDetail,
      errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentFair(await fairs.update(principal, params.id, body, requestId)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/employment/fairs/:id/signups',
      tag: 'employment-staff',
      summary: 'A fair’s signups and the intentions recorded (the read is logged)',
      access: STAFF_READ,
      params: idParams,
      responses: { 200: { description: 'Signups and intentions', schema: staffSignupListView } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params, requestId }) => {
        const rows = await fairs.signups(principal, params.id, requestId);
        const intentions = await fairs.intentions(params.id);
        return {
          body: {
            items: rows.map((r) => ({
              ...presentSignup(r.signup),
              accountId: r.signup.accountId,
              name: r.name,
              phoneLast4: r.phoneLast4,
            })),
            intentions: intentions.map(presentIntention),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/employment/fairs/:id/signups/:signupId/attendance',
      tag: 'employment-staff',
      summary: 'Record whether a signed-up holder came (on or after the day)',
      access: STAFF_ACT,
      params: fairSignupParams,
      body: attendanceBody,
      responses: { 200: { description: 'The signup', schema: signupResultView } },
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FAIR_NOT_YET', 'NOT_SIGNED_UP'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentSignup(
          await fairs.recordAttendance(principal, params.id, params.signupId, body.attended, requestId),
        ),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/employment/fairs/:id/intentions',
      tag: 'employment-staff',
      summary: 'Record an intention (意向) reached between a signed-up holder and a participating employer',
      access: STAFF_ACT,
      params: idParams,
      body: intentionBody,
      responses: { 200: { description: 'The intention', schema: intentionView } },
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FAIR_NOT_YET', 'NOT_SIGNED_UP'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentIntention(await fairs.recordIntention(principal, params.id, body, requestId)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/employment/figures',
      tag: 'employment-staff',
      summary: 'Postings, positions, applications, hires, fairs, participants and 意向 over a span of days',
      access: STAFF_READ,
      query: figuresQuery,
      responses: { 200: { description: 'Figures', schema: figuresView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ query }) => ({ body: await figures.figures(query) }),
    }),
  ];
}
