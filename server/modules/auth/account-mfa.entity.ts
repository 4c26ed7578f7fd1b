import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An account's TOTP second factor. The secret is encrypted with the field crypto; `enrolledAt`
 * stays null until a first code confirms the enrolment (a pending secret is replaced by the next
 * enrolment). `lastUsedStep` refuses a code replayed within its window; `failedAttempts` and
 * `lockedUntil` lock the account's second factor after repeated wrong codes.
 */
@Entity({ name: 'account_mfa' })
export class AccountMfa {
  @PrimaryColumn({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'secret_cipher', type: 'varchar', length: 255 })
  secretCipher!: string;

  @Column({ name: 'enrolled_at', type: 'datetime', nullable: true })
  enrolledAt!: Date | null;

  @Column({ name: 'last_used_step', type: 'integer', nullable: true })
  lastUsedStep!: number | null;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'locked_until', type: 'datetime', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
