import { z } from 'zod';
import { businessDay, queryIdRef } from '../../http/bounds';
import { pageQuery } from '../../http/pagination';
import { HOLDER_CATEGORIES } from '../../lib/id-number';
import { ROLES } from '../../lib/principal';
import { APPEAL_KINDS } from '../appeals/appeals.types';
import { ROSTER_STAGES, VISIT_KINDS } from './roster.types';

export const idParams = z.object({ id: queryIdRef() });

/** The text fields beside the `file` part. */
export const importFields = z.strictObject({
  /** "true": only check and report; "false" (the default): import the rows that pass. */
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const importReportView = z.object({
  /** The import recorded; null on a dry run. */
  importId: z.number().int().nullable(),
  dryRun: z.boolean(),
  /** Rows that add a new entry (would add, on a dry run). */
  accepted: z.number().int(),
  /** Rows that update an entry already on the roster (matched by ID number). */
  updated: z.number().int(),
  /** Rows refused, by their line in the file (1 = the header), with every reason. */
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
});

export const rosterQuery = pageQuery.extend({
  stationId: queryIdRef().optional(),
  category: z.enum(HOLDER_CATEGORIES).optional(),
  stage: z.enum(ROSTER_STAGES).optional(),
  /** A whole ID number, or a part of a name. */
  q: z.string().trim().min(1).max(32).optional(),
});
export const rosterCursor = z.object({ id: z.number().int().positive() });

const stationRef = z.object({ id: z.number().int(), name: z.string(), districtId: z.number().int() });

export const rosterEntryView = z.object({
  id: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  category: z.enum(HOLDER_CATEGORIES),
  station: stationRef,
  stage: z.enum(ROSTER_STAGES),
  phoneMasked: z.string().nullable(),
  importId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const rosterPageView = z.object({ items: z.array(rosterEntryView), nextCursor: z.string().nullable() });

export const visitBody = z.strictObject({
  /** The Beijing calendar day of the visit; not after today. */
  visitedOn: businessDay(),
  kind: z.enum(VISIT_KINDS),
  note: z.string().trim().max(500).default(''),
});

export const visitView = z.object({
  id: z.number().int(),
  visitedOn: z.string(),
  kind: z.enum(VISIT_KINDS),
  note: z.string(),
  staff: z.object({ id: z.number().int(), displayName: z.string() }),
  createdAt: z.string(),
});

/** The one-person file (一人一档). Lists are empty when the person has never used the mini-program. */
export const personFileView = rosterEntryView.extend({
  /** The identity bound in the mini-program with the same ID number; null when nobody has bound it. */
  person: z.object({ id: z.number().int(), verified: z.boolean() }).nullable(),
  account: z
    .object({
      id: z.number().int(),
      displayName: z.string(),
      roles: z.array(z.enum(ROLES)),
      disabled: z.boolean(),
    })
    .nullable(),
  applications: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      status: z.string(),
      stationId: z.number().int(),
      createdAt: z.string(),
      submittedAt: z.string().nullable(),
      approvedAt: z.string().nullable(),
      issuedAt: z.string().nullable(),
    }),
  ),
  cards: z.array(z.object({ id: z.number().int(), cardNumber: z.string(), status: z.string(), issuedAt: z.string() })),
  appointments: z.array(
    z.object({
      id: z.number().int(),
      serviceType: z.string(),
      mode: z.string(),
      status: z.string(),
      startsAt: z.string(),
    }),
  ),
  redemptions: z.object({
    total: z.number().int(),
    /** The latest 20. */
    recent: z.array(
      z.object({ id: z.number().int(), merchantName: z.string(), offerTitle: z.string(), day: z.string() }),
    ),
  }),
  voucherOrders: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      quantity: z.number().int(),
      amountFen: z.number().int(),
      status: z.string(),
      createdAt: z.string(),
    }),
  ),
  conversations: z.object({ count: z.number().int(), lastMessageAt: z.string().nullable() }),
  /** Appeals and errands (诉求 / 代办) the person filed, newest first (at most 50). */
  appeals: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(APPEAL_KINDS),
      category: z.string(),
      status: z.string(),
      stationId: z.number().int(),
      promisedDate: z.string().nullable(),
      /** Work under way past its promised day. */
      overdue: z.boolean(),
      rating: z.number().int().nullable(),
      createdAt: z.string(),
      resolvedAt: z.string().nullable(),
    }),
  ),
  visits: z.array(visitView),
});

const rateFigures = {
  eligible: z.number().int(),
  applied: z.number().int(),
  approved: z.number().int(),
  issued: z.number().int(),
  /** 申领率 = applied / eligible, percent with one decimal; null without eligible people. */
  applicationRate: z.number().nullable(),
  /** 发放率 = issued / applied, percent with one decimal; null without applicants. */
  issuanceRate: z.number().nullable(),
};
export const ratesView = z.object({
  stations: z.array(
    z.object({ stationId: z.number().int(), stationName: z.string(), districtId: z.number().int(), ...rateFigures }),
  ),
  districts: z.array(z.object({ districtId: z.number().int(), districtName: z.string(), ...rateFigures })),
  total: z.object(rateFigures),
});

/** The holder's own file in brief (我的档案). */
export const holderFileView = z.object({
  /** The identity they bound; null before they bind one. */
  identity: z
    .object({
      name: z.string(),
      idNumberMasked: z.string(),
      category: z.enum(HOLDER_CATEGORIES),
      verified: z.boolean(),
    })
    .nullable(),
  /** Their roster entry (建档立卡), matched by ID number; null when they are not on the roster. */
  roster: z
    .object({
      category: z.enum(HOLDER_CATEGORIES),
      station: z.object({ id: z.number().int(), name: z.string() }),
      stage: z.enum(ROSTER_STAGES),
    })
    .nullable(),
  card: z.object({
    /** Applications for the 优待证, drafts included. */
    applications: z.number().int(),
    latestApplication: z
      .object({ id: z.number().int(), kind: z.string(), status: z.string(), createdAt: z.string() })
      .nullable(),
    /** The newest card, whatever its status. */
    card: z.object({ status: z.string(), issuedAt: z.string() }).nullable(),
  }),
  appointments: z.object({
    total: z.number().int(),
    /** Booked and not yet begun. */
    upcoming: z.number().int(),
    next: z
      .object({ id: z.number().int(), serviceType: z.string(), mode: z.string(), startsAt: z.string() })
      .nullable(),
  }),
  appeals: z.object({
    total: z.number().int(),
    /** Submitted, accepted or in progress. */
    open: z.number().int(),
    latest: z
      .object({
        id: z.number().int(),
        kind: z.enum(APPEAL_KINDS),
        category: z.string(),
        status: z.string(),
        createdAt: z.string(),
      })
      .nullable(),
  }),
});
