import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A lawyer, mediator or counsellor of the legal desk, with a published profile (点将台). */
@Entity({ name: 'legal_provider' })
export class LegalProvider {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** The provider's own login, to see their appointments. */
  @Column({ name: 'account_id', type: 'integer', nullable: true })
  accountId!: number | null;

  @Column({ name: 'name', type: 'varchar', length: 32 })
  name!: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: 'lawyer' | 'mediator' | 'counsellor';

  @Column({ name: 'photo_file_id', type: 'integer', nullable: true })
  photoFileId!: number | null;

  @Column({ name: 'firm', type: 'varchar', length: 64 })
  firm!: string;

  /** Comma-separated lists. */
  @Column({ name: 'specialties', type: 'varchar', length: 255 })
  specialties!: string;

  @Column({ name: 'service_types', type: 'varchar', length: 64 })
  serviceTypes!: string;

  @Column({ name: 'modes', type: 'varchar', length: 32 })
  modes!: string;

  @Column({ name: 'languages', type: 'varchar', length: 64 })
  languages!: string;

  @Column({ name: 'intro', type: 'varchar', length: 500 })
  intro!: string;

  /** Where the provider meets holders in person; the district desk's window when null. */
  @Column({ name: 'address', type: 'varchar', length: 128, nullable: true })
  address!: string | null;

  /** The office on the map (GCJ-02, millionths of a degree), when known. */
  @Column({ name: 'lat_e6', type: 'integer', nullable: true })
  latE6!: number | null;

  @Column({ name: 'lng_e6', type: 'integer', nullable: true })
  lngE6!: number | null;

  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'rating_sum', type: 'integer', default: 0 })
  ratingSum!: number;

  @Column({ name: 'rating_count', type: 'integer', default: 0 })
  ratingCount!: number;

  @Column({ name: 'served_count', type: 'integer', default: 0 })
  servedCount!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
