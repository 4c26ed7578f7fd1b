import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A single-use recovery code for the second factor, stored only as its SHA-256. */
@Entity({ name: 'account_recovery_code' })
export class RecoveryCode {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'account_id', type: 'integer' })
  accountId!: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
