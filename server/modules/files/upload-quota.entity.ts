import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What one account uploaded on one day (Asia/Shanghai `YYYY-MM-DD`): the guarded counter behind
 * the daily upload quota. A reservation raises both numbers before the bytes are stored; a failed
 * store gives them back.
 */
@Entity({ name: 'upload_quota' })
export class UploadQuota {
  @PrimaryColumn({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @PrimaryColumn({ name: 'day', type: 'varchar', length: 10 })
  day!: string;

  @Column({ name: 'count', type: 'integer', default: 0 })
  count!: number;

  @Column({ name: 'bytes', type: 'integer', default: 0 })
  bytes!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
