import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests counted by one limiter for one key in one fixed window, shared by every instance.
 * The key is stored as a keyed hash, so no address, username or account id is kept in clear.
 */
@Entity({ name: 'rate_limit_counter' })
export class RateLimitCounter {
  @PrimaryColumn({ name: 'limiter', type: 'varchar', length: 32 })
  limiter!: string;

  @PrimaryColumn({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @PrimaryColumn({ name: 'window_start', type: 'datetime' })
  windowStart!: Date;

  @Column({ name: 'hits', type: 'integer', default: 0 })
  hits!: number;

  /** The window's end; the purge job removes rows some time after it. */
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;
}
