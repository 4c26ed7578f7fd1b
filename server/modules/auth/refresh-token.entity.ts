import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One refresh token, stored only as its SHA-256. Tokens issued from one login share a family;
 * each use marks the token used and issues the next one. A used token presented again means it
 * was stolen or replayed, and the whole family is revoked.
 */
@Entity({ name: 'refresh_token' })
export class RefreshToken {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'family_id', type: 'varchar', length: 36 })
  familyId!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  /** The staff console's session: the token travels in an HttpOnly cookie and the session ends when idle. */
  @Column({ name: 'console', type: 'boolean', default: false })
  console!: boolean;

  /** A console session's last refresh or authenticated request (recorded at most once a minute). */
  @Column({ name: 'last_active_at', type: 'datetime', nullable: true })
  lastActiveAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
