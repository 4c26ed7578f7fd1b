import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HolderCategory } from '../../lib/id-number';
import type { ApplicationStatus } from './card-application.states';

export type ApplicationKind = 'new' | 'reissue' | 'exchange';
export type Delivery = 'pickup' | 'mail';

/** An application for the 优待证: new, reissue after loss (补领) or exchange (换领). */
@Entity({ name: 'card_application' })
export class CardApplication {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'person_id', type: 'integer' })
  personId!: number;

  /** The login that applied (the holder, or later a proxy acting for them). */
  @Column({ name: 'applicant_account_id', type: 'integer' })
  applicantAccountId!: number;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: ApplicationKind;

  @Column({ name: 'replaces_card_id', type: 'integer', nullable: true })
  replacesCardId!: number | null;

  @Column({ name: 'category', type: 'varchar', length: 32 })
  category!: HolderCategory;

  @Column({ name: 'photo_file_id', type: 'integer' })
  photoFileId!: number;

  /** JSON array of file ids. */
  @Column({ name: 'document_file_ids', type: 'text' })
  documentFileIds!: string;

  @Column({ name: 'station_id', type: 'integer' })
  stationId!: number;

  @Column({ name: 'district_id', type: 'integer' })
  districtId!: number;

  @Column({ name: 'delivery', type: 'varchar', length: 8 })
  delivery!: Delivery;

  @Column({ name: 'address', type: 'varchar', length: 255, nullable: true })
  address!: string | null;

  /** JSON of the holder's eligibility declarations. */
  @Column({ name: 'declarations', type: 'text' })
  declarations!: string;

  /** A prior criminal punishment or similar was declared: staff review it case by case. */
  @Column({ name: 'case_by_case', type: 'boolean', default: false })
  caseByCase!: boolean;

  @Column({ name: 'status', type: 'varchar', length: 20 })
  status!: ApplicationStatus;

  @Column({ name: 'open_person_id', type: 'integer', nullable: true })
  openPersonId!: number | null;

  /** The latest reason given (send back, rejection). */
  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'needs_info_deadline', type: 'datetime', nullable: true })
  needsInfoDeadline!: Date | null;

  /**
   * The identity the service station checked against the documents, frozen at station approval:
   * production and the card use it, whatever the person's row says later. The ID number stays
   * encrypted under the person's column context (`person.id_number`).
   */
  @Column({ name: 'snapshot_name', type: 'varchar', length: 64, nullable: true })
  snapshotName!: string | null;

  @Column({ name: 'snapshot_id_number_cipher', type: 'varchar', length: 255, nullable: true })
  snapshotIdNumberCipher!: string | null;

  @Column({ name: 'snapshot_category', type: 'varchar', length: 32, nullable: true })
  snapshotCategory!: HolderCategory | null;

  @Column({ name: 'identity_verified_at', type: 'datetime', nullable: true })
  identityVerifiedAt!: Date | null;

  @Column({ name: 'batch_id', type: 'integer', nullable: true })
  batchId!: number | null;

  @Column({ name: 'card_id', type: 'integer', nullable: true })
  cardId!: number | null;

  @Column({ name: 'submitted_at', type: 'datetime', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'approved_at', type: 'datetime', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'ready_at', type: 'datetime', nullable: true })
  readyAt!: Date | null;

  @Column({ name: 'issued_at', type: 'datetime', nullable: true })
  issuedAt!: Date | null;

  @Column({ name: 'status_changed_at', type: 'datetime' })
  statusChangedAt!: Date;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
