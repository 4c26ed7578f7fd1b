import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { maskIdNumber, maskPhone } from '../../lib/mask';
import type { Principal } from '../../lib/principal';
import { bumpTokenVersion, rolesOf } from '../auth/accounts.service';
import type { SessionGuard } from '../auth/session-guard.service';
import type { FileStorage } from '../files/storage.port';
import { consentHistory, recordConsentWithdrawal } from '../people/consent.service';
import { ERASED, type PeopleService } from '../people/people.service';
import { recordAudit } from '../staff/audit.service';
import { DELETION_KEEPS, DELETION_REMOVES, type KeptRecord } from './deletion.text';
import { PrivacyErrors, type DeletionBlocker } from './privacy.errors';

type Row = Record<string, unknown>;

/** A stored instant read by raw SQL: MySQL gives a Date, SQLite the UTC text TypeORM wrote. */
export function rawDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

const num = (v: unknown) => Number(v ?? 0);
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** A Date as the driver stores it (SQLite: UTC text; MySQL: a Date), for a raw query's parameter. */
const dbTime = (em: EntityManager, d: Date): unknown =>
  em.connection.driver.preparePersistentValue(d, { type: 'datetime' } as never);

/** `?, ?, ?` for an IN list. */
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** What the system holds about one account, read table by table. */
export interface MyData {
  account: { id: number; displayName: string; roles: string[]; createdAt: Date; lastLoginAt: Date | null };
  identity: {
    name: string;
    idNumberMasked: string;
    phoneMasked: string;
    category: string;
    verified: boolean;
    createdAt: Date;
  } | null;
  consents: Array<{ version: string; action: string; items: string[]; at: Date }>;
  applications: Array<{ id: number; kind: string; status: string; createdAt: Date; hasAddress: boolean }>;
  identityChanges: Array<{ id: number; status: string; createdAt: Date }>;
  cards: Array<{ cardNumber: string; status: string; issuedAt: Date }>;
  appointments: Array<{ id: number; serviceType: string; mode: string; status: string; startsAt: Date }>;
  waitlist: Array<{ id: number; serviceType: string; status: string; createdAt: Date }>;
  redemptions: { total: number; latest: Array<{ merchantName: string; offerTitle: string; day: string }> };
  complaints: Array<{ id: number; merchantName: string; status: string; createdAt: Date }>;
  conversations: { count: number; messagesWritten: number };
  files: Array<{ id: number; purpose: string; size: number; createdAt: Date }>;
  notices: { total: number; latest: Array<{ title: string; createdAt: Date }>; subscriptions: number };
}

export interface DeletionPlan {
  removes: readonly string[];
  keeps: readonly KeptRecord[];
  /** What must be finished first; empty when the account can be deleted now. */
  blockers: DeletionBlocker[];
}

/** Roles an account may hold and still delete itself: a holder's. Work accounts are closed by an administrator. */
const SELF_SERVICE_ROLES = new Set(['holder']);

const APPLICATION_BLOCKERS: Record<string, DeletionBlocker> = {
  draft: { what: '您有一份还没提交的优待证申请', action: '请先在“申请进度”页撤回' },
  submitted: { what: '您的优待证申请正在审核', action: '请先在“申请进度”页撤回，或等审核结束' },
  needs_info: { what: '您的优待证申请被退回补充材料', action: '请先在“申请进度”页撤回' },
  station_approved: { what: '您的优待证申请正在区局审核', action: '请先在“申请进度”页撤回，或等审核结束' },
  approved: { what: '您的优待证已审核通过、等待制作', action: '请等领取优待证后再注销，或联系服务站' },
  in_production: { what: '您的优待证正在制作', action: '请等领取优待证后再注销，或联系服务站' },
  card_ready: { what: '您的优待证已制作好、等待领取', action: '请先领取，或联系服务站' },
};

/**
 * The holder's privacy requests: a plain account of what is stored about them, and deleting the
 * account. Reads and erasures go table by table with plain SQL: the tables are other modules', and
 * this is the one place that must see all of them together. Whatever a table keeps for the record
 * stays, tied only to the anonymised account.
 */
export class PrivacyService {
  constructor(
    private readonly db: Database,
    private readonly people: PeopleService,
    private readonly sessions: SessionGuard,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async myData(principal: Principal): Promise<MyData> {
    const em = this.db.manager;
    const id = principal.accountId;
    const q = (sql: string, params: unknown[] = [id]) => em.query(sql, params) as Promise<Row[]>;
    const [account] = await q('SELECT id, display_name, created_at, last_login_at FROM account WHERE id = ?');
    if (!account) throw notFound();
    const person = await this.people.identityOf(id);
    const identity = person
      ? (() => {
          const facts = this.people.withFacts(person).facts;
          return {
            name: person.name,
            idNumberMasked: maskIdNumber(facts.idNumberLast4),
            phoneMasked: maskPhone(person.phoneLast4),
            category: person.category,
            verified: Boolean(person.verified),
            createdAt: person.createdAt,
          };
        })()
      : null;
    const personId = person?.id ?? 0;

    const applications = await q(
      'SELECT id, kind, status, address, created_at FROM card_application WHERE applicant_account_id = ? ORDER BY id DESC',
    );
    const changes = await q(
      'SELECT id, status, created_at FROM identity_change_request WHERE account_id = ? ORDER BY id DESC',
    );
    const cards = await q('SELECT card_number, status, issued_at FROM card WHERE person_id = ? ORDER BY id DESC', [
      personId,
    ]);
    const appointments = await q(
      'SELECT id, service_type, mode, status, starts_at FROM legal_appointment WHERE account_id = ? ORDER BY starts_at DESC',
    );
    const waitlist = await q(
      'SELECT id, service_type, status, created_at FROM legal_waitlist WHERE account_id = ? ORDER BY id DESC',
    );
    const [redeemed] = await q('SELECT COUNT(*) AS n FROM redemption WHERE person_id = ?', [personId]);
    const latestRedemptions = await q(
      'SELECT m.name AS merchant_name, o.title AS offer_title, r.day FROM redemption r ' +
        'JOIN merchant m ON m.id = r.merchant_id JOIN merchant_offer o ON o.id = r.offer_id ' +
        'WHERE r.person_id = ? ORDER BY r.id DESC LIMIT 20',
      [personId],
    );
    const complaints = await q(
      'SELECT c.id, m.name AS merchant_name, c.status, c.created_at FROM merchant_complaint c ' +
        'JOIN merchant m ON m.id = c.merchant_id WHERE c.account_id = ? ORDER BY c.id DESC',
    );
    const [conversations] = await q('SELECT COUNT(*) AS n FROM chat_conversation WHERE account_id = ?');
    const [written] = await q(
      'SELECT COUNT(*) AS n FROM chat_message m JOIN chat_conversation c ON c.id = m.conversation_id ' +
        "WHERE c.account_id = ? AND m.sender = 'holder'",
    );
    const files = await q(
      "SELECT id, purpose, size, created_at FROM stored_file WHERE owner_account_id = ? AND storage_key NOT LIKE 'erased/%' ORDER BY id DESC",
    );
    const [notices] = await q('SELECT COUNT(*) AS n FROM outbox_message WHERE recipient_account_id = ?');
    const latestNotices = await q(
      'SELECT title, created_at FROM outbox_message WHERE recipient_account_id = ? ORDER BY id DESC LIMIT 20',
    );
    const [subscriptions] = await q(
      'SELECT COALESCE(SUM(remaining), 0) AS n FROM subscription_grant WHERE account_id = ?',
    );

    return {
      account: {
        id,
        displayName: String(account.display_name),
        roles: await rolesOf(em, id),
        createdAt: rawDate(account.created_at)!,
        lastLoginAt: rawDate(account.last_login_at),
      },
      identity,
      consents: (await consentHistory(em, id)).map((c) => ({
        version: c.version,
        action: c.action,
        items: JSON.parse(c.items) as string[],
        at: c.createdAt,
      })),
      applications: applications.map((r) => ({
        id: num(r.id),
        kind: String(r.kind),
        status: String(r.status),
        createdAt: rawDate(r.created_at)!,
        hasAddress: Boolean(r.address),
      })),
      identityChanges: changes.map((r) => ({
        id: num(r.id),
        status: String(r.status),
        createdAt: rawDate(r.created_at)!,
      })),
      cards: cards.map((r) => ({
        cardNumber: String(r.card_number),
        status: String(r.status),
        issuedAt: rawDate(r.issued_at)!,
      })),
      appointments: appointments.map((r) => ({
        id: num(r.id),
        serviceType: String(r.service_type),
        mode: String(r.mode),
        status: String(r.status),
        startsAt: rawDate(r.starts_at)!,
      })),
      waitlist: waitlist.map((r) => ({
        id: num(r.id),
        serviceType: String(r.service_type),
        status: String(r.status),
        createdAt: rawDate(r.created_at)!,
      })),
      redemptions: {
        total: num(redeemed?.n),
        latest: latestRedemptions.map((r) => ({
          merchantName: String(r.merchant_name),
          offerTitle: String(r.offer_title),
          day: String(r.day),
        })),
      },
      complaints: complaints.map((r) => ({
        id: num(r.id),
        merchantName: String(r.merchant_name),
        status: String(r.status),
        createdAt: rawDate(r.created_at)!,
      })),
      conversations: { count: num(conversations?.n), messagesWritten: num(written?.n) },
      files: files.map((r) => ({
        id: num(r.id),
        purpose: String(r.purpose),
        size: num(r.size),
        createdAt: rawDate(r.created_at)!,
      })),
      notices: {
        total: num(notices?.n),
        latest: latestNotices.map((r) => ({ title: String(text(r.title)), createdAt: rawDate(r.created_at)! })),
        subscriptions: num(subscriptions?.n),
      },
    };
  }

  /** What deletion would remove and keep, and what the holder must finish first. */
  async deletionPlan(principal: Principal): Promise<DeletionPlan> {
    return {
      removes: DELETION_REMOVES,
      keeps: DELETION_KEEPS,
      blockers: await this.blockers(this.db.manager, principal.accountId),
    };
  }

  /**
   * Deletes the caller's account, in one transaction:
   * 1. Refuse (409 DELETION_BLOCKED, naming each) while something is under way: an open card
   *    application or identity change, an upcoming appointment, a place on a waiting list; and for
   *    any account with more than a holder's role. The holder finishes or cancels these
   *    themselves: each has its own rules and notices (a slot freed, a reviewer's work stopped).
   * 2. Erase the identity (name, encrypted numbers and their blind indexes; the person row stays,
   *    detached, as issued cards and reviewed applications point to it).
   * 3. Erase what the holder wrote or sent: chat text, appointment and waiting-list descriptions,
   *    ratings' comments, complaint text, change requests' values, the application's address; drop
   *    notices, subscriptions, the service-chat state and queued pushes.
   * 4. Mark the uploads erased (rows stay for the applications that name them; nobody can read them).
   * 5. The account: no WeChat link (a new login starts afresh), no name, disabled, every session
   *    ended; the consent is recorded as withdrawn, and an audit entry written.
   * After the commit, the files' bytes are removed from storage.
   */
  async deleteAccount(principal: Principal, requestId: string): Promise<{ deletedAt: Date }> {
    const id = principal.accountId;
    const now = this.clock.now();
    const keys = await this.db.transaction(async (em) => {
      const blockers = await this.blockers(em, id);
      if (blockers.length) throw PrivacyErrors.deletionBlocked(blockers);
      const run = (sql: string, params: unknown[] = [id]) => em.query(sql, params);
      const ids = async (sql: string, params: unknown[] = [id]) =>
        ((await em.query(sql, params)) as Row[]).map((r) => num(r.id));

      const person = await this.people.identityIn(em, id);
      if (person) {
        await this.people.erase(em, person.id, now);
        // The staff search's keyed indexes of parts of the ID number, where that search is installed.
        if (await em.queryRunner?.hasTable('person_search_index'))
          await run('DELETE FROM person_search_index WHERE person_id = ?', [person.id]);
      }

      const conversations = await ids('SELECT id FROM chat_conversation WHERE account_id = ?');
      if (conversations.length) {
        const list = marks(conversations.length);
        await run(
          `UPDATE chat_message SET text = '', card = NULL, quick_replies = NULL, source = NULL, file_id = NULL, author_name = NULL WHERE conversation_id IN (${list})`,
          conversations,
        );
        await run(`UPDATE chat_internal_note SET text = '' WHERE conversation_id IN (${list})`, conversations);
      }
      await run('UPDATE chat_handover SET rating_comment = NULL WHERE holder_account_id = ?');
      await run('DELETE FROM chat_channel_push WHERE account_id = ?');
      await run('DELETE FROM chat_channel_reply WHERE account_id = ?');
      await run('DELETE FROM chat_channel_state WHERE account_id = ?');
      await run('DELETE FROM knowledge_unanswered_asker WHERE account_id = ?');

      await run("UPDATE legal_appointment SET summary = '', comment = NULL, private_notes = NULL WHERE account_id = ?");
      await run("UPDATE legal_waitlist SET summary = '' WHERE account_id = ?");
      await run("UPDATE merchant_complaint SET text = '' WHERE account_id = ?");
      await run(
        'UPDATE identity_change_request SET new_name = NULL, new_id_number_cipher = NULL, new_id_number_hash = NULL, ' +
          "new_phone_cipher = NULL, previous_name = '已注销', previous_id_number_cipher = ?, reason = '', " +
          "document_file_ids = '[]' WHERE account_id = ?",
        [ERASED, id],
      );
      await run('UPDATE card_application SET address = NULL WHERE applicant_account_id = ?');

      await run('DELETE FROM outbox_message WHERE recipient_account_id = ?');
      await run('DELETE FROM subscription_grant WHERE account_id = ?');
      await run('DELETE FROM upload_quota WHERE account_id = ?');

      const files = (await em.query(
        "SELECT id, storage_key FROM stored_file WHERE owner_account_id = ? AND storage_key NOT LIKE 'erased/%'",
        [id],
      )) as Row[];
      if (files.length) {
        const fileIds = files.map((f) => num(f.id));
        await run(`DELETE FROM file_use WHERE file_id IN (${marks(fileIds.length)})`, fileIds);
        for (const f of fileIds)
          await run("UPDATE stored_file SET storage_key = ?, sha256 = '', width = NULL, height = NULL WHERE id = ?", [
            `erased/${f}`,
            f,
          ]);
      }

      await run('DELETE FROM refresh_token WHERE account_id = ?');
      await run(
        "UPDATE account SET openid = NULL, unionid = NULL, display_name = '已注销用户', disabled = ? WHERE id = ?",
        [1, id],
      );
      await bumpTokenVersion(em, id, now);
      await recordConsentWithdrawal(em, id, now);
      await recordAudit(
        em,
        { actorAccountId: id, action: 'account.delete', targetType: 'account', targetId: id, requestId },
        now,
      );
      return files.map((f) => String(f.storage_key));
    });
    this.sessions.invalidate(id);
    for (const key of keys)
      await this.storage
        .remove(key)
        .catch((e) => this.logger.warn('erased file not removed', { storageKey: key, err: e }));
    return { deletedAt: now };
  }

  private async blockers(em: EntityManager, accountId: number): Promise<DeletionBlocker[]> {
    const out: DeletionBlocker[] = [];
    const roles = await rolesOf(em, accountId);
    if (roles.some((r) => !SELF_SERVICE_ROLES.has(r)))
      out.push({ what: '这是工作账号（工作人员、律师或商户）', action: '请联系管理员办理注销' });
    const q = (sql: string) => em.query(sql, [accountId]) as Promise<Row[]>;
    for (const r of await q(
      'SELECT status FROM card_application WHERE applicant_account_id = ? AND open_person_id IS NOT NULL',
    )) {
      const b = APPLICATION_BLOCKERS[String(r.status)];
      if (b) out.push(b);
    }
    const [change] = await q(
      'SELECT COUNT(*) AS n FROM identity_change_request WHERE account_id = ? AND open_person_id IS NOT NULL',
    );
    if (num(change?.n) > 0) out.push({ what: '您有一份身份信息变更申请正在审核', action: '请先撤回，或等审核结束' });
    const now = this.clock.now();
    const upcoming = (await em.query(
      "SELECT starts_at FROM legal_appointment WHERE account_id = ? AND status IN ('booked', 'checked_in') AND starts_at > ? ORDER BY starts_at",
      [accountId, dbTime(em, new Date(now.getTime() - 4 * 3600_000))],
    )) as Row[];
    for (const r of upcoming) {
      const at = rawDate(r.starts_at)!;
      const local = new Date(at.getTime() + 8 * 3600_000);
      const when = `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
      out.push({ what: `您预约了${when}的法律服务`, action: '请先在“我的预约”中取消（临近的预约请联系律师或服务站）' });
    }
    const [waiting] = await q(
      "SELECT COUNT(*) AS n FROM legal_waitlist WHERE account_id = ? AND status IN ('waiting', 'offered')",
    );
    if (num(waiting?.n) > 0) out.push({ what: '您在法律服务的候补名单上', action: '请先在“我的预约”中退出候补' });
    return out;
  }
}
