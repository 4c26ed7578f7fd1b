import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 衣、食、住、行、文旅… Staff keep the list. */
@Entity({ name: 'merchant_category' })
export class MerchantCategory {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'name', type: 'varchar', length: 32 })
  name!: string;

  @Column({ name: 'sort', type: 'integer', default: 0 })
  sort!: number;

  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
