import type { EntityManager } from 'typeorm';
import type { Database } from '../../../db/database';
import type { Clock } from '../../../lib/clock';
import { notFound, validationFailed } from '../../../lib/errors';
import type { Principal } from '../../../lib/principal';
import { recordAudit } from '../../staff/audit.service';
import type { StaffService } from '../../staff/staff.service';
import { type BusinessHours, isOpen, nextOpening, parseHours } from './business-hours';
import { assertViewer, canManageStation, viewerOf } from './inbox.policy';
import { StationBusinessHours } from './station-business-hours.entity';

export interface BusinessHoursView {
  stationId: number;
  hours: BusinessHours;
  openNow: boolean;
  nextOpening: Date | null;
}

/** Each station's business hours: read by the handover and the figures, edited by staff. */
export class BusinessHoursService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly staff: Pick<StaffService, 'listStations' | 'findStaffMembers'>,
  ) {}

  /** A station's hours (the default week when it has none of its own, or for the district queue). */
  async hoursOf(em: EntityManager, stationId: number | null): Promise<BusinessHours> {
    if (stationId === null) return parseHours(null);
    return parseHours(await em.findOneBy(StationBusinessHours, { stationId }));
  }

  /** Several stations' hours at once, by station (the default under `null`). */
  async hoursByStation(stationIds: readonly (number | null)[]): Promise<Map<number | null, BusinessHours>> {
    const out = new Map<number | null, BusinessHours>([[null, parseHours(null)]]);
    for (const id of new Set(stationIds)) {
      if (id !== null) out.set(id, await this.hoursOf(this.db.manager, id));
    }
    return out;
  }

  async get(principal: Principal, stationId: number): Promise<BusinessHoursView> {
    await this.checkAccess(principal, stationId);
    return this.view(stationId, await this.hoursOf(this.db.manager, stationId));
  }

  /**
   * Replaces a station's hours.
   * 1. Station staff of that station, district staff of its district, or an admin (404 otherwise).
   * 2. Each day's spans in order and apart; dates unique.
   * 3. Insert or update the row with an audit entry, in one transaction.
   */
  async save(principal: Principal, stationId: number, hours: BusinessHours, requestId: string) {
    await this.checkAccess(principal, stationId);
    checkHours(hours);
    await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const values = {
        weekly: JSON.stringify(hours.weekly),
        holidays: JSON.stringify([...new Set(hours.holidays)].sort()),
        extraWorkdays: JSON.stringify([...new Set(hours.extraWorkdays)].sort()),
        updatedBy: principal.accountId,
        updatedAt: now,
      };
      const found = await em.findOneBy(StationBusinessHours, { stationId });
      if (found) await em.update(StationBusinessHours, { id: found.id }, values);
      else await em.insert(StationBusinessHours, { stationId, ...values });
      await recordAudit(
        em,
        {
          actorAccountId: principal.accountId,
          action: 'station.business_hours',
          targetType: 'station',
          targetId: stationId,
          requestId,
        },
        now,
      );
    });
    return this.get(principal, stationId);
  }

  private view(stationId: number, hours: BusinessHours): BusinessHoursView {
    const now = this.clock.now();
    return { stationId, hours, openNow: isOpen(hours, now), nextOpening: nextOpening(hours, now) };
  }

  private async checkAccess(principal: Principal, stationId: number): Promise<void> {
    const viewer = viewerOf((await this.staff.findStaffMembers([principal.accountId])).get(principal.accountId));
    assertViewer(viewer);
    const station = (await this.staff.listStations()).find((s) => s.id === stationId);
    if (!station || !canManageStation(viewer, station)) throw notFound('服务站不存在');
  }
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Spans of a day start before they end and follow each other without overlapping. */
function checkHours(hours: BusinessHours): void {
  hours.weekly.forEach((spans, day) => {
    let last = -1;
    for (const s of spans) {
      const start = minutes(s.start);
      const end = minutes(s.end);
      if (start >= end || start < last) {
        throw validationFailed(`weekly.${day}`, '每天的时段须按时间先后排列，且开始早于结束、互不重叠');
      }
      last = end;
    }
  });
}
