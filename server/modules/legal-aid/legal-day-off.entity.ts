import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A day a provider does not work (`YYYY-MM-DD`, Asia/Shanghai): no slots are made for it. */
@Entity({ name: 'legal_day_off' })
export class LegalDayOff {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'provider_id', type: 'integer' })
  providerId!: number;

  @Column({ name: 'day', type: 'varchar', length: 10 })
  day!: string;

  @Column({ name: 'reason', type: 'varchar', length: 255, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
