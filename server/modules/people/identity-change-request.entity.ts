import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HolderCategory } from '../../lib/id-number';
import type { IdentityChangeStatus } from './identity-change.states';

/**
 * A holder's request to change a verified identity. Only the fields to change are set; a new ID
 * number and phone are stored encrypted like the person's. The identity as it stood when the
 * request was filed is kept beside it (`previous_*`), so the decision stays readable afterwards.
 * `stationId` / `districtId` place the request with the staff who verified the identity.
 */
@Entity({ name: 'identity_change_request' })
export class IdentityChangeRequest {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'person_id', type: 'integer' })
  personId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: IdentityChangeStatus;

  /** Set while the request is open: one open request per person. */
  @Column({ name: 'open_person_id', type: 'integer', nullable: true })
  openPersonId!: number | null;

  @Column({ name: 'station_id', type: 'integer', nullable: true })
  stationId!: number | null;

  @Column({ name: 'district_id', type: 'integer', nullable: true })
  districtId!: number | null;

  @Column({ name: 'new_name', type: 'varchar', length: 64, nullable: true })
  newName!: string | null;

  @Column({ name: 'new_category', type: 'varchar', length: 32, nullable: true })
  newCategory!: HolderCategory | null;

  @Column({ name: 'new_id_number_cipher', type: 'varchar', length: 255, nullable: true })
  newIdNumberCipher!: string | null;

  @Column({ name: 'new_id_number_hash', type: 'varchar', length: 64, nullable: true })
  newIdNumberHash!: string | null;

  @Column({ name: 'new_phone_cipher', type: 'varchar', length: 255, nullable: true })
  newPhoneCipher!: string | null;

  @Column({ name: 'previous_name', type: 'varchar', length: 64 })
  previousName!: string;

  @Column({ name: 'previous_category', type: 'varchar', length: 32 })
  previousCategory!: HolderCategory;

  @Column({ name: 'previous_id_number_cipher', type: 'varchar', length: 255 })
  previousIdNumberCipher!: string;

  /** The holder's reason for the change. */
  @Column({ name: 'reason', type: 'varchar', length: 500 })
  reason!: string;

  /** JSON array of the holder's document file ids. */
  @Column({ name: 'document_file_ids', type: 'text' })
  documentFileIds!: string;

  /** The latest decision reason (rejection). */
  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'decided_by', type: 'integer', nullable: true })
  decidedBy!: number | null;

  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'status_changed_at', type: 'datetime' })
  statusChangedAt!: Date;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
