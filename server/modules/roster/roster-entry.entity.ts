import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HolderCategory } from '../../lib/id-number';
import type { RosterStage } from './roster.types';

/**
 * A person on the bureau's roster (建档立卡). The ID number is stored as people store it: encrypted
 * under the person's column context with the same blind index, so the entry finds the person who
 * bound that number in the mini-program; the index is unique, so a re-import updates the entry.
 * The phone likewise, when the roster gives one. Nothing here names an account.
 */
@Entity({ name: 'roster_entry' })
export class RosterEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'name', type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'id_number_cipher', type: 'varchar', length: 255 })
  idNumberCipher!: string;

  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash!: string;

  @Column({ name: 'category', type: 'varchar', length: 32 })
  category!: HolderCategory;

  @Column({ name: 'station_id', type: 'integer' })
  stationId!: number;

  @Column({ name: 'phone_cipher', type: 'varchar', length: 255, nullable: true })
  phoneCipher!: string | null;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64, nullable: true })
  phoneHash!: string | null;

  @Column({ name: 'phone_last4', type: 'varchar', length: 4, nullable: true })
  phoneLast4!: string | null;

  @Column({ name: 'stage', type: 'varchar', length: 16 })
  stage!: RosterStage;

  /** The import that last wrote the entry. */
  @Column({ name: 'import_id', type: 'integer', nullable: true })
  importId!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
