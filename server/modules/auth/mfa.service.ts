import crypto from 'node:crypto';
import { type EntityManager, In } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import { AccountMfa } from './account-mfa.entity';
import { AuthErrors } from './auth.errors';
import { RecoveryCode } from './recovery-code.entity';
import type { Role } from './roles';
import { matchTotp, newTotpSecret, otpauthUrl } from './totp';

/** Accounts with these roles sign in with a second factor. */
export const MFA_ROLES: readonly Role[] = ['admin', 'district_staff'];
/** Wrong codes in a row before the second factor locks. */
export const MFA_MAX_FAILURES = 5;
export const MFA_LOCK_MS = 15 * 60_000;
export const RECOVERY_CODE_COUNT = 10;
/** The issuer an authenticator app shows beside the code. */
const ISSUER = '戎友';
const SECRET_CONTEXT = 'account_mfa.secret';
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const requiresMfa = (roles: readonly Role[]) => roles.some((r) => MFA_ROLES.includes(r));

/** What was offered as the second factor. */
export type MfaProof = { code: string } | { recoveryCode: string };

/** The outcome of one check, written in the caller's transaction. */
export type MfaCheck =
  | { ok: true; method: 'totp' | 'recovery_code'; firstEnrolment: boolean; recoveryCodes?: string[] }
  | { ok: false; reason: 'invalid' | 'not_enrolled' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number; lockedNow: boolean };

/** `XXXXX-XXXXX` from an alphabet without look-alikes: 50 random bits, typed by hand when the phone is lost. */
function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const hashRecoveryCode = (code: string) =>
  crypto
    .createHash('sha256')
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ''), 'utf8')
    .digest('hex');

/**
 * The TOTP second factor (RFC 6238, SHA-1, 6 digits, 30 s, one step of drift either side) and its
 * recovery codes. The secret is kept encrypted; a code is accepted once (the last step used is
 * remembered, so a code seen over a shoulder cannot be replayed in its window); wrong codes lock
 * the account's second factor for a while.
 */
export class MfaService {
  constructor(
    private readonly db: Database,
    private readonly fieldCrypto: FieldCrypto,
  ) {}

  /** Which of these accounts have a confirmed second factor (for the admin's account list). */
  async enrolledAmong(em: EntityManager, accountIds: readonly number[]): Promise<Set<number>> {
    if (accountIds.length === 0) return new Set();
    const rows = await em.find(AccountMfa, {
      where: { accountId: In([...accountIds]) },
      select: { accountId: true, enrolledAt: true },
    });
    return new Set(rows.filter((r) => r.enrolledAt).map((r) => r.accountId));
  }

  /**
   * Removes an account's second factor and recovery codes in the caller's transaction, so its
   * next sign-in enrols again (an admin's reset for a lost phone). True when one was enrolled.
   */
  async remove(em: EntityManager, accountId: number): Promise<boolean> {
    const row = await em.findOne(AccountMfa, { where: { accountId }, select: { accountId: true, enrolledAt: true } });
    await em.delete(AccountMfa, { accountId });
    await em.delete(RecoveryCode, { accountId });
    return Boolean(row?.enrolledAt);
  }

  async isEnrolled(accountId: number): Promise<boolean> {
    const row = await this.db.manager.findOne(AccountMfa, {
      where: { accountId },
      select: { accountId: true, enrolledAt: true },
    });
    return Boolean(row?.enrolledAt);
  }

  /**
   * Starts (or restarts) an enrolment: a new secret, pending until a first code confirms it.
   * Refused once enrolled: re-enrolment would let a stolen password replace the second factor.
   */
  async beginEnrolment(
    accountId: number,
    accountName: string,
    now: Date,
  ): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = newTotpSecret();
    const secretCipher = this.fieldCrypto.encrypt(secret, SECRET_CONTEXT);
    await this.db.transaction(async (em) => {
      const row = await em.findOneBy(AccountMfa, { accountId });
      if (row?.enrolledAt) throw AuthErrors.mfaAlreadyEnrolled();
      if (row) {
        await em.update(AccountMfa, { accountId }, { secretCipher, lastUsedStep: null, updatedAt: now });
        return;
      }
      try {
        await em.insert(AccountMfa, this.pendingRow(accountId, secretCipher, now));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw AuthErrors.mfaAlreadyEnrolled();
      }
    });
    return { secret, otpauthUrl: otpauthUrl(ISSUER, accountName, secret) };
  }

  /** An enrolled second factor with a known secret (the demo accounts; tests). */
  async enrolWithSecret(em: EntityManager, accountId: number, secret: string, now: Date): Promise<void> {
    await em.delete(AccountMfa, { accountId });
    await em.insert(AccountMfa, {
      ...this.pendingRow(accountId, this.fieldCrypto.encrypt(secret, SECRET_CONTEXT), now),
      enrolledAt: now,
    });
  }

  /**
   * Checks a code or a recovery code inside the caller's transaction, and records the outcome:
   * 1. no second factor (or a recovery code before enrolment) → not_enrolled;
   * 2. locked → locked, without counting;
   * 3. a TOTP code of a step later than the last one used → ok (a guarded update claims the step,
   *    so two requests with one code cannot both pass); the first one completes the enrolment and
   *    issues the recovery codes;
   * 4. an unused recovery code → ok, and it is used up;
   * 5. anything else counts as a failure; the fifth in a row locks for 15 minutes.
   */
  async check(em: EntityManager, accountId: number, proof: MfaProof, now: Date): Promise<MfaCheck> {
    const row = await em.findOneBy(AccountMfa, { accountId });
    if (!row || ('recoveryCode' in proof && !row.enrolledAt)) return { ok: false, reason: 'not_enrolled' };
    if (row.lockedUntil && row.lockedUntil > now) {
      return { ok: false, reason: 'locked', lockedNow: false, retryAfterSeconds: secondsUntil(row.lockedUntil, now) };
    }
    if ('code' in proof) {
      const step = matchTotp(this.fieldCrypto.decrypt(row.secretCipher, SECRET_CONTEXT), proof.code, now);
      if (step !== null) {
        const claimed = await em
          .createQueryBuilder()
          .update(AccountMfa)
          .set({
            lastUsedStep: step,
            failedAttempts: 0,
            lockedUntil: null,
            enrolledAt: row.enrolledAt ?? now,
            updatedAt: now,
          })
          .where('account_id = :accountId AND (last_used_step IS NULL OR last_used_step < :step)', { accountId, step })
          .execute();
        if (claimed.affected === 1) {
          if (row.enrolledAt) return { ok: true, method: 'totp', firstEnrolment: false };
          const recoveryCodes = await this.issueRecoveryCodes(em, accountId, now);
          return { ok: true, method: 'totp', firstEnrolment: true, recoveryCodes };
        }
      }
    } else {
      const used = await em
        .createQueryBuilder()
        .update(RecoveryCode)
        .set({ usedAt: now })
        .where('account_id = :accountId AND code_hash = :hash AND used_at IS NULL', {
          accountId,
          hash: hashRecoveryCode(proof.recoveryCode),
        })
        .execute();
      if (used.affected === 1) {
        await em.update(AccountMfa, { accountId }, { failedAttempts: 0, lockedUntil: null, updatedAt: now });
        return { ok: true, method: 'recovery_code', firstEnrolment: false };
      }
    }
    return this.countFailure(em, accountId, now);
  }

  /** Unused recovery codes left to the account. */
  async recoveryCodesLeft(accountId: number): Promise<number> {
    return this.db.manager
      .createQueryBuilder(RecoveryCode, 'r')
      .where('r.account_id = :accountId AND r.used_at IS NULL', { accountId })
      .getCount();
  }

  private async countFailure(em: EntityManager, accountId: number, now: Date): Promise<MfaCheck> {
    await em
      .createQueryBuilder()
      .update(AccountMfa)
      .set({ failedAttempts: () => 'failed_attempts + 1', updatedAt: now })
      .where('account_id = :accountId', { accountId })
      .execute();
    const { failedAttempts } = await em.findOneOrFail(AccountMfa, {
      where: { accountId },
      select: { accountId: true, failedAttempts: true },
    });
    if (failedAttempts < MFA_MAX_FAILURES) return { ok: false, reason: 'invalid' };
    const lockedUntil = new Date(now.getTime() + MFA_LOCK_MS);
    await em.update(AccountMfa, { accountId }, { failedAttempts: 0, lockedUntil, updatedAt: now });
    return { ok: false, reason: 'locked', lockedNow: true, retryAfterSeconds: secondsUntil(lockedUntil, now) };
  }

  /** Replaces the account's recovery codes with new ones; the plain codes are returned once, only hashes are kept. */
  private async issueRecoveryCodes(em: EntityManager, accountId: number, now: Date): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await em.delete(RecoveryCode, { accountId });
    await em.insert(
      RecoveryCode,
      codes.map((c) => ({ accountId, codeHash: hashRecoveryCode(c), usedAt: null, createdAt: now })),
    );
    return codes;
  }

  private pendingRow(accountId: number, secretCipher: string, now: Date) {
    return {
      accountId,
      secretCipher,
      enrolledAt: null,
      lastUsedStep: null,
      failedAttempts: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    };
  }
}

const secondsUntil = (t: Date, now: Date) => Math.max(1, Math.ceil((t.getTime() - now.getTime()) / 1000));
