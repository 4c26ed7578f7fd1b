import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MerchantStatus } from './merchant.states';

/**
 * A merchant of the alliance (拥军优待联盟). Location in integer micro-degrees (GCJ-02, as
 * `wx.getLocation` reports it), so nearby search compares integers against an index.
 */
@Entity({ name: 'merchant' })
export class Merchant {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'owner_account_id', type: 'integer' })
  ownerAccountId!: number;

  @Column({ name: 'name', type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'license_no', type: 'varchar', length: 32 })
  licenseNo!: string;

  /** The photo of the business licence sent with the application (a private document file). */
  @Column({ name: 'license_file_id', type: 'integer', nullable: true })
  licenseFileId!: number | null;

  @Column({ name: 'category_id', type: 'integer' })
  categoryId!: number;

  @Column({ name: 'address', type: 'varchar', length: 255 })
  address!: string;

  @Column({ name: 'lat_e6', type: 'integer' })
  latE6!: number;

  @Column({ name: 'lng_e6', type: 'integer' })
  lngE6!: number;

  @Column({ name: 'contact_phone', type: 'varchar', length: 32 })
  contactPhone!: string;

  @Column({ name: 'intro', type: 'varchar', length: 500, nullable: true })
  intro!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: MerchantStatus;

  /** Why it was rejected or suspended. */
  @Column({ name: 'reason', type: 'varchar', length: 255, nullable: true })
  reason!: string | null;

  @Column({ name: 'upheld_complaints', type: 'integer', default: 0 })
  upheldComplaints!: number;

  @Column({ name: 'reviewed_by', type: 'integer', nullable: true })
  reviewedBy!: number | null;

  @Column({ name: 'reviewed_at', type: 'datetime', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
