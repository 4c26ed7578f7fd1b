import { route } from '../../http/route';
import { isoTime } from '../../lib/time';
import type { ApplicationsService } from './applications.service';
import { presentApplication, presentCard } from './cards.presenter';
import {
  applicationBody,
  applicationListView,
  applicationPatch,
  applicationView,
  cardView,
  eligibilityBody,
  eligibilityView,
  idParams,
  qrTokenView,
} from './cards.schemas';
import type { CardService } from './card.service';

/** The holder's side: self-check, the application, the electronic card. */
export const cardsRoutes = (applications: ApplicationsService, cards: CardService) => [
  route({
    method: 'post',
    path: '/api/v1/card-applications/eligibility',
    tag: 'cards',
    summary: 'Eligibility self-check: a plain answer and what follows',
    access: 'authenticated',
    body: eligibilityBody,
    responses: { 200: { description: 'The verdict', schema: eligibilityView } },
    handler: async ({ body }) => ({ body: applications.checkEligibility(body.category, body.declarations) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/card-applications',
    tag: 'cards',
    summary: 'Create a draft application (new card, reissue after loss, or exchange)',
    access: ['holder'],
    proxy: 'card',
    body: applicationBody,
    responses: { 201: { description: 'The draft', schema: applicationView } },
    errors: [
      'VALIDATION_FAILED',
      'IDENTITY_REQUIRED',
      'NOT_ELIGIBLE',
      'APPLICATION_EXISTS',
      'CARD_EXISTS',
      'CARD_NOT_LOST',
      'CARD_INACTIVE',
    ],
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentApplication(await applications.create(principal, body)),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/card-applications/mine',
    tag: 'cards',
    summary: 'The caller’s applications, newest first, each with its history and allowed actions',
    access: ['holder'],
    proxy: 'card',
    responses: { 200: { description: 'Applications', schema: applicationListView } },
    handler: async ({ principal }) => ({
      body: { items: (await applications.listMine(principal)).map(presentApplication), nextCursor: null },
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/card-applications/:id',
    tag: 'cards',
    summary: 'One of the caller’s applications with its full history and the actions allowed now',
    access: ['holder'],
    proxy: 'card',
    params: idParams,
    responses: { 200: { description: 'The application', schema: applicationView } },
    errors: ['NOT_FOUND'],
    handler: async ({ principal, params }) => ({
      body: presentApplication(await applications.getMine(principal, params.id)),
    }),
  }),
  route({
    method: 'patch',
    path: '/api/v1/card-applications/:id',
    tag: 'cards',
    summary: 'Edit a draft, or a sent-back application before its deadline',
    access: ['holder'],
    proxy: 'card',
    params: idParams,
    body: applicationPatch,
    responses: { 200: { description: 'The application', schema: applicationView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'DEADLINE_PASSED', 'VALIDATION_FAILED', 'NOT_ELIGIBLE'],
    handler: async ({ principal, params, body }) => ({
      body: presentApplication(await applications.update(principal, params.id, body)),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/card-applications/:id/submit',
    tag: 'cards',
    summary: 'Submit a draft, or resubmit after being sent back',
    access: ['holder'],
    proxy: 'card',
    params: idParams,
    responses: { 200: { description: 'The application', schema: applicationView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'DEADLINE_PASSED', 'APPLICATION_INCOMPLETE'],
    handler: async ({ principal, params }) => ({
      body: presentApplication(await applications.submit(principal, params.id)),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/card-applications/:id/withdraw',
    tag: 'cards',
    summary: 'Withdraw an application before it is approved',
    access: ['holder'],
    proxy: 'card',
    params: idParams,
    responses: { 200: { description: 'The application', schema: applicationView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal, params }) => ({
      body: presentApplication(await applications.withdraw(principal, params.id)),
    }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/card',
    tag: 'cards',
    summary: 'The caller’s electronic card (number masked), with its history and the actions allowed now',
    access: ['holder'],
    proxy: 'card',
    responses: { 200: { description: 'The card', schema: cardView } },
    errors: ['NOT_FOUND'],
    handler: async ({ principal }) => ({ body: presentCard(await cards.myCard(principal)) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/me/card/qr-token',
    tag: 'cards',
    summary: 'A signed QR token for the card: about a minute, single use',
    access: ['holder'],
    responses: { 200: { description: 'The token', schema: qrTokenView } },
    errors: ['NOT_FOUND', 'CARD_INACTIVE'],
    handler: async ({ principal }) => {
      const { token, expiresAt } = await cards.qrToken(principal);
      return { body: { token, expiresAt: isoTime(expiresAt) } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/card/report-lost',
    tag: 'cards',
    summary: 'Report the card lost: it stops verifying at once',
    access: ['holder'],
    proxy: 'card',
    responses: { 200: { description: 'The card', schema: cardView } },
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
    handler: async ({ principal }) => ({ body: presentCard(await cards.reportLost(principal)) }),
  }),
];
