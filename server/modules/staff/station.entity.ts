import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A service station (退役军人服务站) where holders apply and collect cards: the first level of review. */
@Entity({ name: 'station' })
export class Station {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'district_id', type: 'integer' })
  districtId!: number;

  @Column({ name: 'name', type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'address', type: 'varchar', length: 255 })
  address!: string;

  @Column({ name: 'phone', type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
