import { decodeCursor, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import type { EmployersService } from './employers.service';
import {
  applicationDetailView,
  declineBody,
  employerBody,
  employerDetailView,
  idCursor,
  idParams,
  interviewBody,
  postingBody,
  postingDetailView,
  employerPostingListView,
  postingPatchBody,
  receivedPageView,
  receivedQuery,
} from './employment.schemas';
import {
  presentApplicationDetail,
  presentEmployerDetail,
  presentPosting,
  presentPostingDetail,
} from './employment.presenter';
import type { JobApplicationsService } from './job-applications.service';
import type { PostingsService } from './postings.service';

const HOLDER = ['holder'] as const;
const NOBODY = { saved: false, applied: false };

/**
 * A mini-program user's employer: apply, follow the review; once approved, publish, edit and
 * close postings and handle the applications received (the only place an employer sees a profile).
 */
export function employerRoutes(
  employers: EmployersService,
  postings: PostingsService,
  applications: JobApplicationsService,
) {
  const postingDetail = { 200: { description: 'The posting', schema: postingDetailView } };
  const applicationDetail = { 200: { description: 'The application', schema: applicationDetailView } };
  const step = (action: 'view' | 'hire') =>
    route({
      method: 'post',
      path: `/api/v1/employment/employer/applications/:id/${action}`,
      tag: 'employment-employer',
      summary: action === 'view' ? 'Mark an application as viewed' : 'Hire the applicant after the interview',
      access: HOLDER,
      params: idParams,
      responses: applicationDetail,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, requestId }) => ({
        body: presentApplicationDetail(
          await applications.employerStep(principal, params.id, action, undefined, requestId),
        ),
      }),
    });
  return [
    route({
      method: 'post',
      path: '/api/v1/employment/employer',
      tag: 'employment-employer',
      summary: 'Apply as an employer with the company’s particulars and business licence; district staff review it',
      access: HOLDER,
      body: employerBody,
      responses: { 201: { description: 'The employer, submitted', schema: employerDetailView } },
      errors: ['VALIDATION_FAILED', 'CREDIT_CODE_INVALID', 'EMPLOYER_EXISTS', 'FILE_NOT_ATTACHABLE'],
      handler: async ({ principal, body }) => ({
        status: 201,
        body: presentEmployerDetail(await employers.apply(principal, body)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/employer/mine',
      tag: 'employment-employer',
      summary: 'The caller’s employer and its review history',
      access: HOLDER,
      responses: { 200: { description: 'The employer', schema: employerDetailView } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal }) => ({ body: presentEmployerDetail(await employers.mine(principal)) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/employer/postings',
      tag: 'employment-employer',
      summary: 'The employer’s postings, newest first',
      access: HOLDER,
      responses: { 200: { description: 'Postings with their applications counted', schema: employerPostingListView } },
      errors: ['FORBIDDEN'],
      handler: async ({ principal }) => {
        const { rows, today, applications } = await postings.listMine(principal);
        const names = await postings.namesOf(rows.map((p) => p.employerId));
        return {
          body: {
            items: rows.map((p) => ({
              ...presentPosting(p, names.get(p.employerId) ?? '', today),
              applicationsCount: applications.get(p.id) ?? 0,
            })),
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/employment/employer/postings',
      tag: 'employment-employer',
      summary: 'Publish a posting (approved employers only)',
      access: HOLDER,
      body: postingBody,
      responses: { 201: { description: 'The posting', schema: postingDetailView } },
      errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'EMPLOYER_NOT_APPROVED'],
      handler: async ({ principal, body }) => ({
        status: 201,
        body: presentPostingDetail(await postings.create(principal, body), NOBODY),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/employer/postings/:id',
      tag: 'employment-employer',
      summary: 'One of the employer’s postings',
      access: HOLDER,
      params: idParams,
      responses: postingDetail,
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: async ({ principal, params }) => ({
        body: presentPostingDetail(await postings.getMine(principal, params.id), NOBODY),
      }),
    }),
    route({
      method: 'patch',
      path: '/api/v1/employment/employer/postings/:id',
      tag: 'employment-employer',
      summary: 'Edit a published posting',
      access: HOLDER,
      params: idParams,
      body: postingPatchBody,
      responses: postingDetail,
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'EMPLOYER_NOT_APPROVED', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body }) => ({
        body: presentPostingDetail(await postings.update(principal, params.id, body), NOBODY),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/employment/employer/postings/:id/close',
      tag: 'employment-employer',
      summary: 'Stop recruiting for a posting',
      access: HOLDER,
      params: idParams,
      responses: postingDetail,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION'],
      handler: async ({ principal, params }) => ({
        body: presentPostingDetail(await postings.close(principal, params.id), NOBODY),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/employer/applications',
      tag: 'employment-employer',
      summary: 'Applications the employer received, with the profiles sent, newest first (each read is logged)',
      access: HOLDER,
      query: receivedQuery,
      responses: { 200: { description: 'A page of applications', schema: receivedPageView } },
      errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
      handler: async ({ principal, query, requestId }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const rows = await applications.received(
          principal,
          { postingId: query.postingId, status: query.status, beforeId: cursor?.id, limit: query.limit + 1 },
          requestId,
        );
        return { body: toPage(rows, query.limit, presentApplicationDetail, (d) => ({ id: d.application.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/employer/applications/:id',
      tag: 'employment-employer',
      summary: 'One application the employer received, with the profile sent (the read is logged)',
      access: HOLDER,
      params: idParams,
      responses: applicationDetail,
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: async ({ principal, params, requestId }) => ({
        body: presentApplicationDetail(await applications.receivedOne(principal, params.id, requestId)),
      }),
    }),
    step('view'),
    route({
      method: 'post',
      path: '/api/v1/employment/employer/applications/:id/interview',
      tag: 'employment-employer',
      summary: 'Invite the applicant to an interview, with the time and place',
      access: HOLDER,
      params: idParams,
      body: interviewBody,
      responses: applicationDetail,
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentApplicationDetail(
          await applications.employerStep(principal, params.id, 'interview', body.note, requestId),
        ),
      }),
    }),
    step('hire'),
    route({
      method: 'post',
      path: '/api/v1/employment/employer/applications/:id/decline',
      tag: 'employment-employer',
      summary: 'Decline the application, with an optional reason the applicant reads',
      access: HOLDER,
      params: idParams,
      body: declineBody,
      responses: applicationDetail,
      errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_TRANSITION'],
      handler: async ({ principal, params, body, requestId }) => ({
        body: presentApplicationDetail(
          await applications.employerStep(principal, params.id, 'decline', body.reason, requestId),
        ),
      }),
    }),
  ];
}
