import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VisitKind } from './roster.types';

/** A visit or call to a person on the roster (走访慰问), recorded by staff. */
@Entity({ name: 'person_visit' })
export class PersonVisit {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'roster_entry_id', type: 'integer' })
  rosterEntryId!: number;

  /** The staff member who visited (or recorded it). */
  @Column({ name: 'staff_account_id', type: 'integer' })
  staffAccountId!: number;

  /** The Beijing calendar day of the visit, YYYY-MM-DD. */
  @Column({ name: 'visited_on', type: 'varchar', length: 10 })
  visitedOn!: string;

  @Column({ name: 'kind', type: 'varchar', length: 24 })
  kind!: VisitKind;

  @Column({ name: 'note', type: 'varchar', length: 500 })
  note!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
