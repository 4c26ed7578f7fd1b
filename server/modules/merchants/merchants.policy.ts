import type { EntityManager } from 'typeorm';
import { forbidden } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import { MerchantMember } from './merchant-member.entity';
import { Merchant } from './merchant.entity';
import { MerchantErrors } from './merchants.errors';
import { Redemption } from './redemption.entity';
import { systemClock, type Clock } from '../../lib/clock';
import type { FileReadRule } from '../files/file-use.service';

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
  if (!member?.merchant) throw notAMember();
  if (opts.ownerOnly && member.role !== 'owner') throw forbidden('仅商户负责人可以进行此操作');
  const merchant = member.merchant;
  if (opts.mustBeActive !== false) assertMerchantOpen(merchant.status);
  return { member, merchant };
}

/** 403 for an account that is no active member of any merchant. */
export const notAMember = () => forbidden('您不是联盟商户的成员');

/** A merchant's counter works only while it is active: 409 MERCHANT_INACTIVE, suspended or not yet open. */
export function assertMerchantOpen(status: Merchant['status']): void {
  if (status !== 'active') {
    throw status === 'suspended' ? MerchantErrors.merchantSuspended() : MerchantErrors.merchantNotOpen();
  }
}

/** How long after verifying a card the clerk's shop may see the card's photo. */
export const COUNTER_PHOTO_MS = 10 * 60_000;

/** The file-use owner type of a card's photo as shown at a counter (owner id: the card). */
export const REDEEMED_CARD_FILE = 'redeemed_card';

/**
 * The clock the counter-photo rule reads "now" from. File-read rules are declared with the module,
 * before any clock exists; building the module sets it.
 */
let counterClock: Clock = systemClock;
export function useCounterClock(clock: Clock): void {
  counterClock = clock;
}

/**
 * A card's photo at the counter: readable by the members of a shop that verified this card within
 * the last {@link COUNTER_PHOTO_MS}, so the clerk can compare it with the person in front of them.
 * Another shop, or the same shop once the window has passed, gets 404 like everyone else.
 */
export const readCounterPhoto: FileReadRule = async (em, principal, use, file) => {
  if (file.purpose !== 'card_photo') return false;
  const since = new Date(counterClock.now().getTime() - COUNTER_PHOTO_MS);
  const row = await em
    .createQueryBuilder(Redemption, 'r')
    .innerJoin(MerchantMember, 'mm', 'mm.merchant_id = r.merchant_id')
    .select('r.id', 'id')
    .where('mm.account_id = :a AND mm.active = :yes', { a: principal.accountId, yes: true })
    .andWhere('r.card_id = :card AND r.created_at >= :since', { card: use.ownerId, since })
    .limit(1)
    .getRawOne<{ id: number }>();
  return !!row;
};

/** An application's licence photo: the staff who review merchants may read it (the applicant owns it). */
export const readLicenceFile: FileReadRule = async (em, principal, use, file) =>
  file.purpose === 'document' &&
  principal.roles.includes('district_staff') &&
  (await em.existsBy(Merchant, { id: use.ownerId, licenseFileId: file.id }));
