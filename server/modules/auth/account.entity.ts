import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A login. Holders arrive through WeChat (openid); staff, lawyers and merchant accounts made by
 * staff log in with a username and password. Roles live in `account_role`.
 */
@Entity({ name: 'account' })
export class Account {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'openid', type: 'varchar', length: 64, nullable: true })
  openid!: string | null;

  @Column({ name: 'unionid', type: 'varchar', length: 64, nullable: true })
  unionid!: string | null;

  @Column({ name: 'username', type: 'varchar', length: 64, nullable: true })
  username!: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName!: string;

  @Column({ name: 'station_id', type: 'integer', nullable: true })
  stationId!: number | null;

  @Column({ name: 'district_id', type: 'integer', nullable: true })
  districtId!: number | null;

  @Column({ name: 'disabled', type: 'boolean', default: false })
  disabled!: boolean;

  /**
   * Carried by every access token. Raised on logout, when the account is disabled and when its
   * roles change: access tokens with an older version are refused at once.
   */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
