import type { Database } from '../../../db/database';
import type { Principal } from '../../../lib/principal';
import { shanghaiDate } from '../../../lib/working-days';
import type { StaffService } from '../../staff/staff.service';
import { ChatMessage } from '../chat-message.entity';
import { openMillisBetween } from './business-hours';
import type { BusinessHoursService } from './business-hours.service';
import { ChatHandover } from './chat-handover.entity';
import { median, percentile } from './handover.service';
import { assertViewer, canSeePlace, viewerOf } from './inbox.policy';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/** Median and 90th percentile of a duration, in seconds (null without data). */
export interface Spread {
  median: number | null;
  p90: number | null;
}

/** How staff did over a set of handovers. */
export interface HandoverSummary {
  handovers: number;
  resolved: number;
  /** From the handover to staff's first reply, business hours only. */
  firstResponseSeconds: Spread;
  /** From the handover to its resolution, business hours only. */
  resolutionSeconds: Spread;
  ratings: number;
  averageRating: number | null;
}

export interface InboxFigures {
  from: string;
  to: string;
  /** Conversations in which a holder wrote. */
  conversations: number;
  handoverRate: number | null;
  overall: HandoverSummary;
  perDay: Array<{ date: string; conversations: number; handovers: number }>;
  stations: Array<HandoverSummary & { stationId: number | null; stationName: string | null }>;
  agents: Array<HandoverSummary & { accountId: number; displayName: string }>;
}

const round = (n: number | null, digits = 0) => (n === null ? null : Number(n.toFixed(digits)));
const spread = (values: number[]): Spread => ({
  median: round(median(values)),
  p90: round(percentile(values, 90)),
});

/**
 * The inbox's figures over a range of days (Asia/Shanghai): first-response and resolution times
 * counted in the station's business hours (a night in the queue does not count against staff),
 * conversations and handovers per day, the handover rate and the ratings, per station and agent.
 * Station staff see their station, district staff their district, an admin everything.
 */
export class InboxFiguresService {
  constructor(
    private readonly db: Database,
    private readonly hours: BusinessHoursService,
    private readonly staff: Pick<StaffService, 'listStations' | 'findStaffMembers'>,
  ) {}

  async figures(principal: Principal, fromDay: string, toDay: string): Promise<InboxFigures> {
    const v = viewerOf((await this.staff.findStaffMembers([principal.accountId])).get(principal.accountId));
    assertViewer(v);
    const from = new Date(Date.parse(`${fromDay}T00:00:00Z`) - SHANGHAI);
    const to = new Date(Date.parse(`${toDay}T00:00:00Z`) - SHANGHAI + DAY);
    const em = this.db.manager;
    const all = await em
      .createQueryBuilder(ChatHandover, 'h')
      .where('h.handed_over_at >= :from AND h.handed_over_at < :to', { from, to })
      .orderBy('h.id', 'ASC')
      .getMany();
    const handovers = all.filter((h) => canSeePlace(v, h));
    const asked = await em
      .createQueryBuilder(ChatMessage, 'm')
      .select(['m.id', 'm.conversationId', 'm.createdAt'])
      .where('m.sender = :holder AND m.created_at >= :from AND m.created_at < :to', { holder: 'holder', from, to })
      .getMany();
    const hours = await this.hours.hoursByStation(handovers.map((h) => h.stationId));
    const timed = handovers.map((h) => {
      const week = hours.get(h.stationId)!;
      return {
        h,
        firstResponse: h.firstResponseAt ? openMillisBetween(week, h.handedOverAt, h.firstResponseAt) / 1000 : null,
        resolution: h.resolvedAt ? openMillisBetween(week, h.handedOverAt, h.resolvedAt) / 1000 : null,
      };
    });

    const days = new Map<string, { conversations: Set<number>; handovers: number }>();
    for (let t = from.getTime(); t < to.getTime(); t += DAY)
      days.set(shanghaiDate(new Date(t)), { conversations: new Set(), handovers: 0 });
    const conversations = new Set<number>();
    for (const m of asked) {
      conversations.add(m.conversationId);
      days.get(shanghaiDate(m.createdAt))?.conversations.add(m.conversationId);
    }
    for (const h of handovers) {
      const day = days.get(shanghaiDate(h.handedOverAt));
      if (day) day.handovers++;
    }

    const stations = await this.staff.listStations();
    const byStation = groupBy(timed, (x) => x.h.stationId);
    const byAgent = groupBy(
      timed.filter((x) => x.h.agentAccountId !== null),
      (x) => x.h.agentAccountId!,
    );
    const agents = await this.staff.findStaffMembers([...byAgent.keys()]);
    return {
      from: fromDay,
      to: toDay,
      conversations: conversations.size,
      handoverRate: conversations.size ? round(handovers.length / conversations.size, 3) : null,
      overall: summarize(timed),
      perDay: [...days].map(([date, d]) => ({ date, conversations: d.conversations.size, handovers: d.handovers })),
      stations: [...byStation].map(([stationId, rows]) => ({
        stationId,
        stationName: stations.find((s) => s.id === stationId)?.name ?? null,
        ...summarize(rows),
      })),
      agents: [...byAgent].map(([accountId, rows]) => ({
        accountId,
        displayName: agents.get(accountId)?.displayName ?? `#${accountId}`,
        ...summarize(rows),
      })),
    };
  }
}

type Timed = { h: ChatHandover; firstResponse: number | null; resolution: number | null };

function summarize(rows: Timed[]): HandoverSummary {
  const rated = rows.flatMap((x) => (x.h.rating !== null ? [x.h.rating] : []));
  return {
    handovers: rows.length,
    resolved: rows.filter((x) => x.h.resolvedAt !== null).length,
    firstResponseSeconds: spread(rows.flatMap((x) => (x.firstResponse !== null ? [x.firstResponse] : []))),
    resolutionSeconds: spread(rows.flatMap((x) => (x.resolution !== null ? [x.resolution] : []))),
    ratings: rated.length,
    averageRating: rated.length ? round(rated.reduce((a, b) => a + b, 0) / rated.length, 2) : null,
  };
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}
