import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A district bureau (区退役军人事务局): the second level of review. */
@Entity({ name: 'district' })
export class District {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Administrative division code (行政区划代码), six digits. */
  @Column({ name: 'code', type: 'varchar', length: 12 })
  code!: string;

  @Column({ name: 'name', type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
