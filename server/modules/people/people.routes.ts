import { route } from '../../http/route';
import { presentIdentity, presentMe } from './people.presenter';
import { identityBody, identityView, meView } from './people.schemas';
import type { PeopleService } from './people.service';

export const peopleRoutes = (people: PeopleService) => [
  route({
    method: 'get',
    path: '/api/v1/me',
    tag: 'people',
    summary: 'The caller: roles and masked identity',
    access: 'authenticated',
    responses: { 200: { description: 'The caller', schema: meView } },
    handler: async ({ principal }) => ({ body: presentMe(await people.getMe(principal)) }),
  }),
  route({
    method: 'put',
    path: '/api/v1/me/identity',
    tag: 'people',
    summary:
      'Bind or correct the caller’s identity (ID number checked against GB 11643); ' +
      'once a station has verified it, only the phone may change here',
    access: ['holder'],
    body: identityBody,
    responses: { 200: { description: 'The identity, masked', schema: identityView } },
    errors: ['VALIDATION_FAILED', 'ID_NUMBER_INVALID', 'ID_NUMBER_TAKEN', 'IDENTITY_LOCKED'],
    handler: async ({ principal, body }) => ({ body: presentIdentity(await people.bindIdentity(principal, body)) }),
  }),
];
