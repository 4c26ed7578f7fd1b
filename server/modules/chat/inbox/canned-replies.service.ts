import { IsNull, type FindOptionsWhere } from 'typeorm';
import type { Database } from '../../../db/database';
import type { Clock } from '../../../lib/clock';
import { notFound, validationFailed } from '../../../lib/errors';
import type { Principal } from '../../../lib/principal';
import type { ApplicationsService } from '../../cards/applications.service';
import type { PeopleService } from '../../people/people.service';
import type { StaffService } from '../../staff/staff.service';
import { CannedReply } from './canned-reply.entity';
import { assertViewer, canManageStation, type InboxViewer, viewerOf } from './inbox.policy';

/** The variables a canned reply may hold; anything else in braces stays as written. */
export const CANNED_VARIABLES = ['{姓名}', '{申请状态}', '{服务站电话}'] as const;

export interface CannedReplyInput {
  title: string;
  text: string;
  /** District staff and admins: the station it is for (none: every station of the district). */
  stationId?: number | null;
}

/**
 * Replies staff send often, per station (or for a whole district), with variables filled for the
 * holder at sending time. Station staff manage their station's; district staff their district's.
 */
export class CannedRepliesService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly s: {
      staff: Pick<StaffService, 'listStations' | 'findStaffMembers'>;
      people: Pick<PeopleService, 'identitiesOf'>;
      applications: Pick<ApplicationsService, 'statusOf'>;
    },
  ) {}

  /** The replies the caller may use: their station's and their district's. */
  async list(principal: Principal): Promise<CannedReply[]> {
    const v = await this.viewer(principal);
    const where = await this.scope(v);
    return this.db.manager.find(CannedReply, { where, order: { id: 'ASC' } });
  }

  /**
   * Where the caller writes replies and edits business hours: the stations they manage (their own;
   * a district's staff every station of it; an admin all), and whether a reply may be district-wide.
   */
  async places(principal: Principal): Promise<{
    admin: boolean;
    stationId: number | null;
    districtId: number | null;
    stations: Array<{ id: number; name: string; districtId: number }>;
    districtWide: boolean;
  }> {
    const v = await this.viewer(principal);
    const stations = (await this.s.staff.listStations())
      .filter((st) => canManageStation(v, st))
      .map((st) => ({ id: st.id, name: st.name, districtId: st.districtId }));
    return {
      admin: v.admin,
      stationId: v.stationId,
      districtId: v.districtId,
      stations,
      districtWide: v.districtId !== null,
    };
  }

  async create(principal: Principal, input: CannedReplyInput): Promise<CannedReply> {
    const v = await this.viewer(principal);
    const place = await this.placeFor(v, input.stationId);
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const r = await em.insert(CannedReply, {
        ...place,
        title: input.title.trim(),
        text: input.text.trim(),
        createdBy: v.accountId,
        createdAt: now,
        updatedAt: now,
      });
      return em.findOneByOrFail(CannedReply, { id: Number(r.identifiers[0].id) });
    });
  }

  async update(principal: Principal, id: number, patch: Partial<Omit<CannedReplyInput, 'stationId'>>) {
    const v = await this.viewer(principal);
    await this.own(v, id);
    return this.db.transaction(async (em) => {
      await em.update(
        CannedReply,
        { id },
        {
          ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
          ...(patch.text !== undefined ? { text: patch.text.trim() } : {}),
          updatedAt: this.clock.now(),
        },
      );
      return em.findOneByOrFail(CannedReply, { id });
    });
  }

  async remove(principal: Principal, id: number): Promise<void> {
    const v = await this.viewer(principal);
    await this.own(v, id);
    await this.db.transaction((em) => em.delete(CannedReply, { id }));
  }

  /**
   * A canned reply's text for one holder: `{姓名}` their name (or 您 without an identity),
   * `{申请状态}` where their application stands, `{服务站电话}` their station's phone.
   */
  async fill(
    principal: Principal,
    id: number,
    target: { holderAccountId: number; stationId: number | null },
  ): Promise<string> {
    const v = await this.viewer(principal);
    const visible = await this.findVisible(v, id);
    if (!visible) throw notFound('快捷回复不存在');
    const holder: Principal = { accountId: target.holderAccountId, roles: ['holder'] };
    const [identities, status, stations] = await Promise.all([
      this.s.people.identitiesOf([target.holderAccountId]),
      this.s.applications.statusOf(holder),
      this.s.staff.listStations(),
    ]);
    // The holder's station; in the district queue, the first station with a phone.
    const station = stations.find((st) => st.id === target.stationId);
    const phone = station?.phone ?? stations.find((st) => st.phone)?.phone ?? '（请致电服务站）';
    const values: Record<(typeof CANNED_VARIABLES)[number], string> = {
      '{姓名}': identities.get(target.holderAccountId)?.name ?? '您',
      '{申请状态}': status ? status.phrase : '暂无申请',
      '{服务站电话}': phone,
    };
    return CANNED_VARIABLES.reduce((text, key) => text.split(key).join(values[key]), visible.text);
  }

  private async findVisible(v: InboxViewer, id: number): Promise<CannedReply | null> {
    const reply = await this.db.manager.findOneBy(CannedReply, { id });
    if (!reply) return null;
    return (await this.visibleTo(v, reply)) ? reply : null;
  }

  private async visibleTo(v: InboxViewer, r: CannedReply): Promise<boolean> {
    if (v.admin) return true;
    if (v.districtId !== null && r.districtId === v.districtId) return true;
    if (v.stationId === null) return false;
    if (r.stationId === v.stationId) return true;
    const station = (await this.s.staff.listStations()).find((st) => st.id === v.stationId);
    return r.stationId === null && station?.districtId === r.districtId;
  }

  /** 404 unless the caller may change the reply: its station's staff, its district's, an admin. */
  private async own(v: InboxViewer, id: number): Promise<CannedReply> {
    const r = await this.db.manager.findOneBy(CannedReply, { id });
    const mayEdit =
      r &&
      (v.admin ||
        (v.districtId !== null && r.districtId === v.districtId) ||
        // Station staff only their station's own; a district-wide reply (no station) is the district's.
        (v.stationId !== null && r.stationId === v.stationId));
    if (!r || !mayEdit) throw notFound('快捷回复不存在');
    return r;
  }

  private async scope(v: InboxViewer): Promise<FindOptionsWhere<CannedReply>[]> {
    if (v.admin) return [{}];
    const out: FindOptionsWhere<CannedReply>[] = [];
    if (v.districtId !== null) out.push({ districtId: v.districtId });
    if (v.stationId !== null) {
      const station = (await this.s.staff.listStations()).find((st) => st.id === v.stationId);
      out.push({ stationId: v.stationId });
      if (station) out.push({ districtId: station.districtId, stationId: IsNull() });
    }
    return out;
  }

  /** Where a new reply belongs: station staff's own station; district staff a station of theirs or the district. */
  private async placeFor(
    v: InboxViewer,
    stationId: number | null | undefined,
  ): Promise<{ districtId: number; stationId: number | null }> {
    const stations = await this.s.staff.listStations();
    if (stationId !== undefined && stationId !== null) {
      const station = stations.find((st) => st.id === stationId);
      const ok = station && (v.admin || v.stationId === station.id || v.districtId === station.districtId);
      if (!station || !ok) throw validationFailed('stationId', '服务站不存在');
      return { districtId: station.districtId, stationId: station.id };
    }
    if (v.districtId !== null) return { districtId: v.districtId, stationId: null };
    const own = stations.find((st) => st.id === v.stationId);
    if (!own) throw validationFailed('stationId', '请指定服务站');
    return { districtId: own.districtId, stationId: own.id };
  }

  private async viewer(principal: Principal): Promise<InboxViewer> {
    const v = viewerOf((await this.s.staff.findStaffMembers([principal.accountId])).get(principal.accountId));
    assertViewer(v);
    return v;
  }
}
