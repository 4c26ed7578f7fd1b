import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * How many of a hotel's free rooms are taken for one night: the counter a booking increments with a
 * guarded update (`booked < quota`), so the quota holds under concurrent bookings.
 */
@Entity({ name: 'lodging_night' })
export class LodgingNight {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'hotel_id', type: 'integer' })
  hotelId!: number;

  @Column({ name: 'night', type: 'varchar', length: 10 })
  night!: string;

  @Column({ name: 'booked', type: 'integer', default: 0 })
  booked!: number;
}
