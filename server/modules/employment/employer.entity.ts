import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EmployerStatus } from './employment.states';

/** A company that recruits through the bureau (招聘单位), as its owner applied and staff reviewed it. */
@Entity({ name: 'employer' })
export class Employer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'owner_account_id', type: 'integer' })
  ownerAccountId!: number;

  @Column({ name: 'company_name', type: 'varchar', length: 100 })
  companyName!: string;

  /** 统一社会信用代码, check character verified. */
  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 32 })
  contactName!: string;

  @Column({ name: 'contact_phone', type: 'varchar', length: 20 })
  contactPhone!: string;

  @Column({ name: 'address', type: 'varchar', length: 200 })
  address!: string;

  /** The business licence: a private `document` file the owner uploaded. */
  @Column({ name: 'licence_file_id', type: 'integer', nullable: true })
  licenceFileId!: number | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: EmployerStatus;

  /** Why it was rejected or suspended. */
  @Column({ name: 'reason', type: 'varchar', length: 255, nullable: true })
  reason!: string | null;

  @Column({ name: 'reviewed_by', type: 'integer', nullable: true })
  reviewedBy!: number | null;

  @Column({ name: 'reviewed_at', type: 'datetime', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
