import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BookingStatus, GuestKind, ProofStatus } from './lodging.states';

/** One free night a guest booked at a 驿站, who stays, the proof of status and what became of it. */
@Entity({ name: 'lodging_booking' })
export class LodgingBooking {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'hotel_id', type: 'integer' })
  hotelId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  /** The night (Asia/Shanghai `YYYY-MM-DD`). */
  @Column({ name: 'night', type: 'varchar', length: 10 })
  night!: string;

  @Column({ name: 'guest_kind', type: 'varchar', length: 16 })
  guestKind!: GuestKind;

  @Column({ name: 'guest_name', type: 'varchar', length: 30 })
  guestName!: string;

  /** The guest's phone, encrypted (context `lodging.phone`); empty once the account is deleted. */
  @Column({ name: 'phone_cipher', type: 'varchar', length: 255 })
  phoneCipher!: string;

  @Column({ name: 'phone_last4', type: 'varchar', length: 4 })
  phoneLast4!: string;

  @Column({ name: 'proof_file_id', type: 'integer', nullable: true })
  proofFileId!: number | null;

  @Column({ name: 'proof_status', type: 'varchar', length: 16 })
  proofStatus!: ProofStatus;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: BookingStatus;

  /** `<account>:<night>` while the booking holds the night (not cancelled); unique: one per guest per night. */
  @Column({ name: 'night_key', type: 'varchar', length: 32, nullable: true })
  nightKey!: string | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 255, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
