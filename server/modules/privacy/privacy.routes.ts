import { route } from '../../http/route';
import { isoTime } from '../../lib/time';
import { deletionBody, deletionPlanView, deletionView, myDataView } from './privacy.schemas';
import type { PrivacyService } from './privacy.service';

/** The holder's privacy requests: what is stored about them, and deleting the account. */
export const privacyRoutes = (privacy: PrivacyService) => [
  route({
    method: 'get',
    path: '/api/v1/me/data',
    tag: 'privacy',
    summary: 'Everything the system holds about the caller, summarised (numbers masked, files by purpose and size)',
    access: ['holder'],
    responses: { 200: { description: 'The summary', schema: myDataView } },
    handler: async ({ principal }) => ({ body: await privacy.myData(principal) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/deletion',
    tag: 'privacy',
    summary: 'What deleting the account removes, what it keeps and why, and what must be finished first',
    access: ['holder'],
    responses: { 200: { description: 'The plan', schema: deletionPlanView } },
    handler: async ({ principal }) => {
      const plan = await privacy.deletionPlan(principal);
      return { body: { removes: [...plan.removes], keeps: [...plan.keeps], blockers: plan.blockers } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/deletion',
    tag: 'privacy',
    summary:
      'Delete the caller’s account: personal data removed or anonymised, records the law requires kept detached; ' +
      'every session ends',
    access: ['holder'],
    body: deletionBody,
    responses: { 200: { description: 'Deleted', schema: deletionView } },
    errors: ['VALIDATION_FAILED', 'DELETION_BLOCKED'],
    handler: async ({ principal, requestId }) => {
      const done = await privacy.deleteAccount(principal, requestId);
      return { body: { deletedAt: isoTime(done.deletedAt) } };
    },
  }),
];
