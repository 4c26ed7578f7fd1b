import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A holder's complaint about a merchant (the discount was refused, say), and how staff settled it. */
@Entity({ name: 'merchant_complaint' })
export class MerchantComplaint {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'text', type: 'varchar', length: 500 })
  text!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'open' | 'upheld' | 'dismissed';

  @Column({ name: 'resolution', type: 'varchar', length: 500, nullable: true })
  resolution!: string | null;

  @Column({ name: 'handled_by', type: 'integer', nullable: true })
  handledBy!: number | null;

  @Column({ name: 'handled_at', type: 'datetime', nullable: true })
  handledAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
