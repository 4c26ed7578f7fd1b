import { LessThan, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../db/database';
import { onUniqueViolation } from '../../db/errors';
import { conflict, validationFailed } from '../../http/errors';
import type { Principal } from '../../http/context';
import type { Clock } from '../../lib/clock';
import { insertAccount } from '../auth/accounts';
import { hashPassword } from '../auth/password';
import type { Role } from '../auth/roles';
import { AuditLog } from './audit-log.entity';
import { recordAudit } from './audit';
import { District } from './district.entity';
import { Station } from './station.entity';

export interface NewStaffAccount {
  username: string;
  password: string;
  displayName: string;
  roles: Exclude<Role, 'holder'>[];
  stationId?: number;
  districtId?: number;
}

/** Bureau organisation (districts, stations) and the accounts staff create. */
export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async listStations(): Promise<Array<Station & { district: District }>> {
    const em = this.db.manager;
    const [stations, districts] = await Promise.all([
      em.find(Station, { order: { districtId: 'ASC', id: 'ASC' } }),
      em.find(District),
    ]);
    const byId = new Map(districts.map((d) => [d.id, d]));
    return stations.map((s) => Object.assign(s, { district: byId.get(s.districtId)! }));
  }

  /**
   * Creates a staff, lawyer or merchant account (admin only).
   * 1. Place it: station staff need a station; district staff a district (or a station in it).
   * 2. Hash the password (outside the transaction: it is slow on purpose).
   * 3. Insert account, roles and the audit entry together.
   */
  async createAccount(actor: Principal, input: NewStaffAccount, requestId: string): Promise<{ id: number }> {
    const em = this.db.manager;
    let stationId: number | null = null;
    let districtId: number | null = input.districtId ?? null;
    if (input.stationId !== undefined) {
      const station = await em.findOneBy(Station, { id: input.stationId });
      if (!station) throw validationFailed('stationId', '服务站不存在');
      if (districtId !== null && districtId !== station.districtId) {
        throw validationFailed('districtId', '服务站不属于该区');
      }
      stationId = station.id;
      districtId = station.districtId;
    } else if (districtId !== null && !(await em.findOneBy(District, { id: districtId }))) {
      throw validationFailed('districtId', '区不存在');
    }
    if (input.roles.includes('station_staff') && stationId === null) {
      throw validationFailed('stationId', '服务站工作人员须指定所属服务站');
    }
    if (input.roles.includes('district_staff') && districtId === null) {
      throw validationFailed('districtId', '区级工作人员须指定所属区');
    }

    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const account = await onUniqueViolation(
        () =>
          insertAccount(
            tx,
            { username: input.username, passwordHash, displayName: input.displayName, stationId, districtId, roles: input.roles },
            now,
          ),
        () => conflict('USERNAME_TAKEN', '该用户名已被使用'),
      );
      await recordAudit(
        tx,
        {
          actorAccountId: actor.accountId,
          action: 'account.create',
          targetType: 'account',
          targetId: account.id,
          detail: { username: input.username, roles: input.roles, stationId, districtId },
          requestId,
        },
        now,
      );
      return { id: account.id };
    });
  }

  /** The audit trail, newest first; `beforeId` continues a previous page. */
  async findAuditEntries(filter: {
    targetType?: string;
    targetId?: string;
    actorAccountId?: number;
    beforeId?: number;
    limit: number;
  }): Promise<AuditLog[]> {
    const where: FindOptionsWhere<AuditLog> = {};
    if (filter.targetType) where.targetType = filter.targetType;
    if (filter.targetId) where.targetId = filter.targetId;
    if (filter.actorAccountId) where.actorAccountId = filter.actorAccountId;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    return this.db.manager.find(AuditLog, { where, order: { id: 'DESC' }, take: filter.limit });
  }
}
