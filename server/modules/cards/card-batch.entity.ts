import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Approved applications sent to the bank for card production together. */
@Entity({ name: 'card_batch' })
export class CardBatch {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'district_id', type: 'integer' })
  districtId!: number;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy!: number;

  @Column({ name: 'size', type: 'integer' })
  size!: number;

  @Column({ name: 'exported_at', type: 'datetime', nullable: true })
  exportedAt!: Date | null;

  @Column({ name: 'arrived_at', type: 'datetime', nullable: true })
  arrivedAt!: Date | null;

  /** The photo package goes to the bank once; a second download needs an admin to reopen it. */
  @Column({ name: 'photos_downloaded_at', type: 'datetime', nullable: true })
  photosDownloadedAt!: Date | null;

  @Column({ name: 'photos_downloaded_by', type: 'integer', nullable: true })
  photosDownloadedBy!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
