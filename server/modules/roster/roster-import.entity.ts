import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One upload of the roster: who, when, which file, and how its rows fared. */
@Entity({ name: 'roster_import' })
export class RosterImport {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** The staff account that uploaded it. */
  @Column({ name: 'imported_by', type: 'integer' })
  importedBy!: number;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  /** Rows that added a new entry. */
  @Column({ name: 'accepted', type: 'integer' })
  accepted!: number;

  /** Rows that updated an entry already on the roster. */
  @Column({ name: 'updated', type: 'integer' })
  updated!: number;

  @Column({ name: 'rejected', type: 'integer' })
  rejected!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
