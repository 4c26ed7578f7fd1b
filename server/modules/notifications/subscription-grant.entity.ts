import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One-time subscribe-message grants a person has given for a template: each allows one send. */
@Entity({ name: 'subscription_grant' })
export class SubscriptionGrant {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  templateKey!: string;

  @Column({ name: 'remaining', type: 'integer', default: 0 })
  remaining!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
