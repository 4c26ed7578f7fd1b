import { route } from '../../http/route';
import type { ConsentService } from './consent.service';
import { presentConsent, presentConsentRecord, presentIdentity, presentMe } from './people.presenter';
import { consentBody, consentRecordView, consentView, identityBody, identityView, meView } from './people.schemas';
import type { PeopleService } from './people.service';

export const peopleRoutes = (people: PeopleService, consent: ConsentService) => [
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
    errors: ['VALIDATION_FAILED', 'CONSENT_REQUIRED', 'ID_NUMBER_INVALID', 'ID_NUMBER_TAKEN', 'IDENTITY_LOCKED'],
    handler: async ({ principal, body }) => ({ body: presentIdentity(await people.bindIdentity(principal, body)) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/consent',
    tag: 'people',
    summary:
      'The consent text for sensitive personal information (current version) and the version the caller agreed to',
    access: ['holder'],
    responses: { 200: { description: 'Consent text and standing', schema: consentView } },
    handler: async ({ principal }) => ({ body: presentConsent(await consent.status(principal)) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/me/consent',
    tag: 'people',
    summary: 'Agree to the consent text of the given version (recorded, never overwritten)',
    access: ['holder'],
    body: consentBody,
    responses: { 201: { description: 'The consent record', schema: consentRecordView } },
    errors: ['VALIDATION_FAILED', 'CONSENT_VERSION_STALE'],
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentConsentRecord(await consent.agree(principal, body.version)),
    }),
  }),
];
