import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HolderCategory } from '../../lib/id-number';

/**
 * A holder's identity. The ID number and phone are stored only encrypted, with keyed blind
 * indexes for lookup; nothing read from the ID number (birth date, gender, its last digits) is
 * kept beside it in plaintext. The phone's last four stay for masked display: alone they do not
 * rebuild the number. `verified` is set when a service station approves an application (the
 * identity is then locked; changes go through a staff-reviewed change request).
 * `accountId` is the person's own login. A person managed by a family member (proxy) will be
 * linked through a separate table, so `accountId` may be null for them.
 */
@Entity({ name: 'person' })
export class Person {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer', nullable: true })
  accountId!: number | null;

  @Column({ name: 'name', type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'id_number_cipher', type: 'varchar', length: 255 })
  idNumberCipher!: string;

  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash!: string;

  @Column({ name: 'phone_cipher', type: 'varchar', length: 255 })
  phoneCipher!: string;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash!: string;

  /** Shown masked (`*******1234`) without decrypting. */
  @Column({ name: 'phone_last4', type: 'varchar', length: 4 })
  phoneLast4!: string;

  @Column({ name: 'category', type: 'varchar', length: 32 })
  category!: HolderCategory;

  @Column({ name: 'verified', type: 'boolean', default: false })
  verified!: boolean;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
