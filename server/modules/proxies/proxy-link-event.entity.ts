import { Column, Entity } from 'typeorm';
import { StatusEvent } from '../../lib/status-event';
import type { ProxyActor, ProxyLinkAction, ProxyLinkStatus } from './proxy-link.states';

/** One step of a proxy link's history: who invited, redeemed, linked or revoked it, and when. */
@Entity({ name: 'proxy_link_event' })
export class ProxyLinkEvent extends StatusEvent<ProxyLinkStatus, ProxyActor> {
  @Column({ name: 'link_id', type: 'integer' })
  linkId!: number;

  @Column({ name: 'action', type: 'varchar', length: 16 })
  action!: ProxyLinkAction;
}

/** Where a link's transitions write their history. */
export const PROXY_LINK_HISTORY = { entity: ProxyLinkEvent, subjectKey: 'linkId' } as const;
