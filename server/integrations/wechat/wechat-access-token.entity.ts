import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The one WeChat access token of an app, shared by every instance. Stored encrypted; its hash
 * lets an instance tell whether the token it saw rejected is still the current one.
 */
@Entity({ name: 'wechat_access_token' })
export class WeChatAccessToken {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'app_id', type: 'varchar', length: 64 })
  appId!: string;

  @Column({ name: 'token_cipher', type: 'varchar', length: 1024, nullable: true })
  tokenCipher!: string | null;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash!: string | null;

  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt!: Date | null;

  /** While set in the future, one instance is force-refreshing; the others wait for its result. */
  @Column({ name: 'refresh_lease_until', type: 'datetime', nullable: true })
  refreshLeaseUntil!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
