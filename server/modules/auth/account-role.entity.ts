import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles';

@Entity({ name: 'account_role' })
export class AccountRole {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'role', type: 'varchar', length: 32 })
  role!: Role;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
