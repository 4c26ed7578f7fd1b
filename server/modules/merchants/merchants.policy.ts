import type { EntityManager } from 'typeorm';
import { forbidden } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { MerchantMember } from './merchant-member.entity';
import { Merchant } from './merchant.entity';
import { MerchantErrors } from './merchants.errors';

export interface Membership {
  member: MerchantMember;
  merchant: Merchant;
}

/**
 * The merchant the caller works for, never taken from the client: an owner or clerk acts only
 * for their own merchant. A suspended merchant cannot verify or publish.
 */
export async function membershipOf(
  em: EntityManager,
  principal: Principal,
  opts: { ownerOnly?: boolean; mustBeActive?: boolean } = {},
): Promise<Membership> {
  // One round trip: the membership and its merchant together (this runs on every counter scan).
  const row = await em
    .createQueryBuilder(MerchantMember, 'mm')
    .innerJoinAndMapOne('mm.merchant', Merchant, 'm', 'm.id = mm.merchant_id')
    .where('mm.account_id = :a AND mm.active = :yes', { a: principal.accountId, yes: true })
    .orderBy('mm.id', 'ASC')
    .getOne();
  const member = row as (MerchantMember & { merchant?: Merchant }) | null;
  if (!member?.merchant) throw forbidden('您不是联盟商户的成员');
  if (opts.ownerOnly && member.role !== 'owner') throw forbidden('仅商户负责人可以进行此操作');
  const merchant = member.merchant;
  if (opts.mustBeActive !== false && merchant.status !== 'active') {
    throw merchant.status === 'suspended' ? MerchantErrors.merchantSuspended() : MerchantErrors.merchantNotOpen();
  }
  return { member, merchant };
}
