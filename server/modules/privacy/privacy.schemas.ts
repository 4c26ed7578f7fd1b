import { z } from 'zod';

const at = z.string();

export const myDataView = z.object({
  account: z.object({
    id: z.number().int(),
    displayName: z.string(),
    roles: z.array(z.string()),
    createdAt: at,
    lastLoginAt: at.nullable(),
  }),
  identity: z
    .object({
      name: z.string(),
      idNumberMasked: z.string(),
      phoneMasked: z.string(),
      category: z.string(),
      verified: z.boolean(),
      createdAt: at,
    })
    .nullable(),
  consents: z.array(z.object({ version: z.string(), action: z.string(), items: z.array(z.string()), at })),
  applications: z.array(
    z.object({ id: z.number().int(), kind: z.string(), status: z.string(), createdAt: at, hasAddress: z.boolean() }),
  ),
  identityChanges: z.array(z.object({ id: z.number().int(), status: z.string(), createdAt: at })),
  cards: z.array(z.object({ cardNumber: z.string(), status: z.string(), issuedAt: at })),
  appointments: z.array(
    z.object({ id: z.number().int(), serviceType: z.string(), mode: z.string(), status: z.string(), startsAt: at }),
  ),
  waitlist: z.array(z.object({ id: z.number().int(), serviceType: z.string(), status: z.string(), createdAt: at })),
  redemptions: z.object({
    total: z.number().int(),
    latest: z.array(z.object({ merchantName: z.string(), offerTitle: z.string(), day: z.string() })),
  }),
  complaints: z.array(z.object({ id: z.number().int(), merchantName: z.string(), status: z.string(), createdAt: at })),
  voucherOrders: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      quantity: z.number().int(),
      amountFen: z.number().int(),
      status: z.string(),
      createdAt: at,
    }),
  ),
  appeals: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      category: z.string(),
      text: z.string(),
      contactTime: z.string().nullable(),
      status: z.string(),
      rating: z.number().int().nullable(),
      ratingComment: z.string().nullable(),
      createdAt: at,
    }),
  ),
  lodgingBookings: z.array(
    z.object({
      id: z.number().int(),
      hotelName: z.string(),
      night: z.string(),
      guestKind: z.string(),
      guestName: z.string(),
      phoneLast4: z.string(),
      proofStatus: z.string(),
      status: z.string(),
      createdAt: at,
    }),
  ),
  employment: z.object({
    profile: z
      .object({
        name: z.string(),
        phoneLast4: z.string(),
        skills: z.string(),
        serviceBackground: z.string(),
        desiredWork: z.string(),
        updatedAt: at,
      })
      .nullable(),
    applications: z.array(
      z.object({ id: z.number().int(), postingTitle: z.string(), status: z.string(), createdAt: at }),
    ),
    savedPostings: z.array(z.object({ postingTitle: z.string(), savedAt: at })),
    fairSignups: z.array(z.object({ fairTitle: z.string(), status: z.string(), attended: z.boolean(), createdAt: at })),
  }),
  proxyLinks: z.array(
    z.object({
      id: z.number().int(),
      side: z.enum(['holder', 'proxy']),
      relation: z.string(),
      services: z.array(z.string()),
      status: z.string(),
      createdAt: at,
    }),
  ),
  proxyActions: z.array(
    z.object({
      linkId: z.number().int(),
      side: z.enum(['holder', 'proxy']),
      what: z.string(),
      status: z.number().int(),
      at,
    }),
  ),
  conversations: z.object({ count: z.number().int(), messagesWritten: z.number().int() }),
  files: z.array(z.object({ id: z.number().int(), purpose: z.string(), size: z.number().int(), createdAt: at })),
  notices: z.object({
    total: z.number().int(),
    latest: z.array(z.object({ title: z.string(), createdAt: at })),
    subscriptions: z.number().int(),
  }),
});

export const deletionPlanView = z.object({
  removes: z.array(z.string()),
  keeps: z.array(z.object({ what: z.string(), why: z.string(), until: z.string() })),
  /** What must be finished before the account can be deleted; empty when it can be now. */
  blockers: z.array(z.object({ what: z.string(), action: z.string() })),
});

export const deletionBody = z.strictObject({
  confirm: z.literal(true, { error: '请确认注销' }),
});

export const deletionView = z.object({ deletedAt: at });
