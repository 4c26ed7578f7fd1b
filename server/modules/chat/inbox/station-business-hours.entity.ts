import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A station's own business hours; a station without a row keeps the default week. */
@Entity({ name: 'station_business_hours' })
export class StationBusinessHours {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'station_id', type: 'integer' })
  stationId!: number;

  /** JSON: seven lists of `{ start, end }` (`HH:MM`, Asia/Shanghai), Monday first. */
  @Column({ name: 'weekly', type: 'text' })
  weekly!: string;

  /** JSON list of `YYYY-MM-DD` days closed whatever the weekday. */
  @Column({ name: 'holidays', type: 'text' })
  holidays!: string;

  /** JSON list of `YYYY-MM-DD` weekend days worked (调休), with Monday's spans. */
  @Column({ name: 'extra_workdays', type: 'text' })
  extraWorkdays!: string;

  @Column({ name: 'updated_by', type: 'integer', nullable: true })
  updatedBy!: number | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
