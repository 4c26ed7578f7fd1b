import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who works for a merchant: its owner and the clerks the owner adds. */
@Entity({ name: 'merchant_member' })
export class MerchantMember {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'merchant_id', type: 'integer' })
  merchantId!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'role', type: 'varchar', length: 8 })
  role!: 'owner' | 'clerk';

  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
