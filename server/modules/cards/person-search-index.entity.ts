import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Keyed blind indexes of what staff search the 优待证 queue by without the plaintext being
 * stored: the last 4, 5 and 6 characters of a person's ID number, and its birth month and birth
 * date (for the age filter). Each is an HMAC under its own context, so equal values can be found
 * but not read back. Written from the decrypted number by the queue's search, and rewritten when
 * `idNumberHash` no longer matches the person's (the number was corrected).
 */
@Entity({ name: 'person_search_index' })
export class PersonSearchIndex {
  @PrimaryColumn({ name: 'person_id', type: 'integer' })
  personId!: number;

  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash!: string;

  @Column({ name: 'tail4_hash', type: 'varchar', length: 64 })
  tail4Hash!: string;

  @Column({ name: 'tail5_hash', type: 'varchar', length: 64 })
  tail5Hash!: string;

  @Column({ name: 'tail6_hash', type: 'varchar', length: 64 })
  tail6Hash!: string;

  @Column({ name: 'birth_month_hash', type: 'varchar', length: 64 })
  birthMonthHash!: string;

  @Column({ name: 'birth_date_hash', type: 'varchar', length: 64 })
  birthDateHash!: string;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
