import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LinkedBy, ProxyLinkStatus, ProxyRelation } from './proxy-link.states';

/**
 * A family member (the proxy) acting for a holder on some services. An invitation has no proxy yet
 * and a code kept only as its keyed hash; an active link holds one of the holder's numbered places
 * (`slot_key`) and the pair's key (`pair_key`), both unique, so the limit and the one active link
 * per pair hold under concurrency. Both keys are cleared when the link ends.
 */
@Entity({ name: 'proxy_link' })
export class ProxyLink {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'holder_account_id', type: 'integer' })
  holderAccountId!: number;

  @Column({ name: 'holder_person_id', type: 'integer' })
  holderPersonId!: number;

  /** Null while the invitation is not redeemed. */
  @Column({ name: 'proxy_account_id', type: 'integer', nullable: true })
  proxyAccountId!: number | null;

  @Column({ name: 'relation', type: 'varchar', length: 8 })
  relation!: ProxyRelation;

  /** The services granted, comma-separated (`card,appeals`). */
  @Column({ name: 'services', type: 'varchar', length: 32 })
  services!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ProxyLinkStatus;

  @Column({ name: 'linked_by', type: 'varchar', length: 8 })
  linkedBy!: LinkedBy;

  /** The holder who invited, or the staff member who linked at the desk. */
  @Column({ name: 'linked_by_account_id', type: 'integer' })
  linkedByAccountId!: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64, nullable: true })
  codeHash!: string | null;

  @Column({ name: 'code_expires_at', type: 'datetime', nullable: true })
  codeExpiresAt!: Date | null;

  @Column({ name: 'pair_key', type: 'varchar', length: 32, nullable: true })
  pairKey!: string | null;

  @Column({ name: 'slot_key', type: 'varchar', length: 32, nullable: true })
  slotKey!: string | null;

  @Column({ name: 'activated_at', type: 'datetime', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'datetime', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
