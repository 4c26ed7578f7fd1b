import { decodeCursor, pageQuery, toPage } from '../../http/pagination';
import { route } from '../../http/route';
import {
  applicationDetailView,
  applicationPageView,
  browseQuery,
  categoriesView,
  holderFairListView,
  holderFairView,
  idCursor,
  idParams,
  mySignupsView,
  postingDetailView,
  postingListView,
  postingPageView,
  profileBody,
  profileOrNullView,
  profileView,
  signupResultView,
} from './employment.schemas';
import {
  presentApplication,
  presentApplicationDetail,
  presentFair,
  presentPosting,
  presentPostingDetail,
  presentSignup,
} from './employment.presenter';
import type { FairsService } from './fairs.service';
import type { JobApplicationsService, ProfileView } from './job-applications.service';
import type { PostingsService } from './postings.service';
import { isoTime } from '../../lib/time';
import { allowedActions } from '../../lib/state-machine';
import { APPLICATION_TRANSITIONS } from './employment.states';
import { POSTING_CATEGORIES } from './employment.types';

const HOLDER = ['holder'] as const;

const presentProfile = (p: ProfileView) => ({
  name: p.name,
  phone: p.phone,
  skills: p.skills,
  serviceBackground: p.serviceBackground,
  desiredWork: p.desiredWork,
  updatedAt: isoTime(p.updatedAt),
});

/** Holders browse and save postings, keep a profile, apply and follow their applications, sign up for fairs. */
export function employmentRoutes(postings: PostingsService, applications: JobApplicationsService, fairs: FairsService) {
  const applicationDetail = { 200: { description: 'The application with its history', schema: applicationDetailView } };
  return [
    route({
      method: 'get',
      path: '/api/v1/employment/categories',
      tag: 'employment',
      summary: 'The categories of job postings',
      access: 'authenticated',
      responses: { 200: { description: 'Categories', schema: categoriesView } },
      handler: async () => ({ body: { items: [...POSTING_CATEGORIES] } }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/postings',
      tag: 'employment',
      summary: 'Open postings of approved employers, newest first, by category, district, salary and keyword',
      access: HOLDER,
      query: browseQuery,
      responses: { 200: { description: 'A page of postings', schema: postingPageView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const { rows, names, today } = await postings.browse({
          category: query.category,
          district: query.district,
          salaryAtLeast: query.salaryAtLeast,
          q: query.q,
          beforeId: cursor?.id,
          limit: query.limit + 1,
        });
        const present = (p: (typeof rows)[number]) => presentPosting(p, names.get(p.employerId) ?? '', today);
        return { body: toPage(rows, query.limit, present, (p) => ({ id: p.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/postings/:id',
      tag: 'employment',
      summary: 'One posting, with whether the caller saved it and applied to it',
      access: HOLDER,
      params: idParams,
      responses: { 200: { description: 'The posting', schema: postingDetailView } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => {
        const d = await postings.getForHolder(params.id);
        const [saved, applied] = await Promise.all([
          postings.savedAmong(principal, [params.id]),
          applications.appliedAmong(principal, [params.id]),
        ]);
        return { body: presentPostingDetail(d, { saved: saved.has(params.id), applied: applied.has(params.id) }) };
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/employment/postings/:id/save',
      tag: 'employment',
      summary: 'Save a posting (收藏); saving it again changes nothing',
      access: HOLDER,
      params: idParams,
      responses: { 204: { description: 'Saved' } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => {
        await postings.save(principal, params.id);
        return { status: 204 };
      },
    }),
    route({
      method: 'delete',
      path: '/api/v1/employment/postings/:id/save',
      tag: 'employment',
      summary: 'Remove a saved posting; removing it again changes nothing',
      access: HOLDER,
      params: idParams,
      responses: { 204: { description: 'Removed' } },
      handler: async ({ principal, params }) => {
        await postings.unsave(principal, params.id);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/saved-postings',
      tag: 'employment',
      summary: 'The caller’s saved postings, latest saved first',
      access: HOLDER,
      responses: { 200: { description: 'Saved postings', schema: postingListView } },
      handler: async ({ principal }) => {
        const { rows, names, today } = await postings.saved(principal);
        return { body: { items: rows.map((p) => presentPosting(p, names.get(p.employerId) ?? '', today)) } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/employment/postings/:id/applications',
      tag: 'employment',
      summary: 'Apply to a posting with the caller’s profile (a snapshot is sent); once per posting, 10 a day',
      access: HOLDER,
      params: idParams,
      responses: { 201: { description: 'The application', schema: applicationDetailView } },
      errors: [
        'NOT_FOUND',
        'IDENTITY_REQUIRED',
        'PROFILE_REQUIRED',
        'POSTING_CLOSED',
        'ALREADY_APPLIED',
        'LIMIT_REACHED',
      ],
      handler: async ({ principal, params }) => ({
        status: 201,
        body: presentApplicationDetail(await applications.apply(principal, params.id)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/profile',
      tag: 'employment',
      summary: 'The caller’s job-seeking profile (null before they write one)',
      access: HOLDER,
      responses: { 200: { description: 'The profile', schema: profileOrNullView } },
      handler: async ({ principal }) => {
        const p = await applications.profile(principal);
        return { body: { profile: p ? presentProfile(p) : null } };
      },
    }),
    route({
      method: 'put',
      path: '/api/v1/employment/profile',
      tag: 'employment',
      summary: 'Write the caller’s job-seeking profile; applications already sent keep what they sent',
      access: HOLDER,
      body: profileBody,
      responses: { 200: { description: 'The profile', schema: profileView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, body }) => ({
        body: presentProfile(await applications.saveProfile(principal, body)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/applications/mine',
      tag: 'employment',
      summary: 'The caller’s applications, newest first',
      access: HOLDER,
      query: pageQuery,
      responses: { 200: { description: 'A page of applications', schema: applicationPageView } },
      errors: ['VALIDATION_FAILED'],
      handler: async ({ principal, query }) => {
        const cursor = decodeCursor(query.cursor, idCursor);
        const rows = await applications.mine(principal, { beforeId: cursor?.id, limit: query.limit + 1 });
        const titles = new Map<number, string>();
        for (const p of (await postings.postingsById(rows.map((a) => a.postingId))).values()) titles.set(p.id, p.title);
        const names = await postings.namesOf(rows.map((a) => a.employerId));
        const present = (a: (typeof rows)[number]) =>
          presentApplication(
            a,
            titles.get(a.postingId) ?? '',
            names.get(a.employerId) ?? '',
            allowedActions(APPLICATION_TRANSITIONS, a.status, 'holder'),
          );
        return { body: toPage(rows, query.limit, present, (a) => ({ id: a.id })) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/applications/:id',
      tag: 'employment',
      summary: 'One of the caller’s applications with its history',
      access: HOLDER,
      params: idParams,
      responses: applicationDetail,
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => ({
        body: presentApplicationDetail(await applications.getMine(principal, params.id)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/employment/applications/:id/withdraw',
      tag: 'employment',
      summary: 'Withdraw an application before the employer decides',
      access: HOLDER,
      params: idParams,
      responses: applicationDetail,
      errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
      handler: async ({ principal, params }) => ({
        body: presentApplicationDetail(await applications.withdraw(principal, params.id)),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/fairs',
      tag: 'employment',
      summary: 'Job fairs from today on, soonest first, with the caller’s signup',
      access: HOLDER,
      responses: { 200: { description: 'Fairs', schema: holderFairListView } },
      handler: async ({ principal }) => {
        const { fairs: rows, mine } = await fairs.upcoming(principal);
        return {
          body: {
            items: rows.map((d) => {
              const s = mine.get(d.fair.id);
              return { ...presentFair(d), mySignup: s ? presentSignup(s) : null };
            }),
          },
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/fairs/:id',
      tag: 'employment',
      summary: 'One job fair with the caller’s signup',
      access: HOLDER,
      params: idParams,
      responses: { 200: { description: 'The fair', schema: holderFairView } },
      errors: ['NOT_FOUND'],
      handler: async ({ principal, params }) => {
        const { fair, mine } = await fairs.getForHolder(principal, params.id);
        return { body: { ...presentFair(fair), mySignup: mine ? presentSignup(mine) : null } };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/employment/fairs/:id/signups',
      tag: 'employment',
      summary: 'Sign up for a fair before its day; signing up again changes nothing',
      access: HOLDER,
      params: idParams,
      responses: { 201: { description: 'The signup', schema: signupResultView } },
      errors: ['NOT_FOUND', 'FAIR_FULL', 'FAIR_STARTED'],
      handler: async ({ principal, params }) => ({
        status: 201,
        body: presentSignup(await fairs.signUp(principal, params.id)),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/employment/fairs/:id/signups/cancel',
      tag: 'employment',
      summary: 'Cancel the caller’s signup before the fair’s day',
      access: HOLDER,
      params: idParams,
      responses: { 200: { description: 'The signup', schema: signupResultView } },
      errors: ['NOT_FOUND', 'FAIR_STARTED'],
      handler: async ({ principal, params }) => ({ body: presentSignup(await fairs.cancel(principal, params.id)) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/employment/signups/mine',
      tag: 'employment',
      summary: 'The caller’s fair signups, newest first',
      access: HOLDER,
      responses: { 200: { description: 'Signups', schema: mySignupsView } },
      handler: async ({ principal }) => ({
        body: {
          items: (await fairs.mySignups(principal)).map(({ signup, fair }) => ({
            ...presentSignup(signup),
            fairTitle: fair.title,
            fairDate: fair.fairDate,
            mode: fair.mode,
          })),
        },
      }),
    }),
  ];
}
