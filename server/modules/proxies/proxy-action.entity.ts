import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One request a family member made for a holder, whatever its outcome: through which link, by whom,
 * for whom, which route (its pattern, never the URL) and the status it was answered with.
 */
@Entity({ name: 'proxy_action' })
export class ProxyAction {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'link_id', type: 'integer' })
  linkId!: number;

  @Column({ name: 'proxy_account_id', type: 'integer' })
  proxyAccountId!: number;

  @Column({ name: 'holder_account_id', type: 'integer' })
  holderAccountId!: number;

  @Column({ name: 'method', type: 'varchar', length: 8 })
  method!: string;

  @Column({ name: 'route', type: 'varchar', length: 200 })
  route!: string;

  @Column({ name: 'status', type: 'integer' })
  status!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
