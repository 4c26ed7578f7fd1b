import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import type { HolderCategory } from '../../lib/id-number';
import { MerchantOffer, type OfferKind } from './merchant-offer.entity';
import { Merchant } from './merchant.entity';
import { MerchantErrors } from './merchants.errors';
import { membershipOf } from './merchants.policy';
import type { SingleFlightCache } from './single-flight-cache';

export interface OfferInput {
  title: string;
  description: string;
  kind: OfferKind;
  discountText: string;
  priceFen?: number | null;
  faceValueFen?: number | null;
  perPersonDailyLimit?: number | null;
  /** Vouchers only: how many are for sale (null: not limited). */
  stockTotal?: number | null;
  eligibleCategories?: HolderCategory[];
  validFrom?: Date | null;
  validTo?: Date | null;
}

function checkOffer(o: OfferInput): void {
  if (o.kind === 'voucher') {
    if (!o.priceFen || !o.faceValueFen) throw validationFailed('priceFen', '代金券须填写售价和面值（分）');
    if (o.priceFen > o.faceValueFen) throw validationFailed('priceFen', '售价不能高于面值');
  } else if (o.priceFen || o.faceValueFen) {
    throw validationFailed('priceFen', '折扣优惠不填写售价和面值');
  } else if (o.stockTotal) {
    throw validationFailed('stockTotal', '折扣优惠不设库存');
  }
  if (o.validFrom && o.validTo && o.validTo.getTime() <= o.validFrom.getTime()) {
    throw validationFailed('validTo', '结束时间须晚于开始时间');
  }
}

/** An owner's offers: create, edit, withdraw. */
export class OffersService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly cache: SingleFlightCache<unknown>,
  ) {}

  async create(principal: Principal, input: OfferInput): Promise<MerchantOffer> {
    checkOffer(input);
    const { merchant } = await membershipOf(this.db.manager, principal, { ownerOnly: true });
    const now = this.clock.now();
    const offer = await this.db.transaction(async (em) => {
      const r = await em.insert(MerchantOffer, {
        merchantId: merchant.id,
        title: input.title,
        description: input.description,
        kind: input.kind,
        discountText: input.discountText,
        priceFen: input.kind === 'voucher' ? input.priceFen! : null,
        faceValueFen: input.kind === 'voucher' ? input.faceValueFen! : null,
        perPersonDailyLimit: input.perPersonDailyLimit ?? null,
        stockTotal: input.kind === 'voucher' ? (input.stockTotal ?? null) : null,
        stockTaken: 0,
        eligibleCategories: (input.eligibleCategories ?? []).join(','),
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      });
      return em.findOneByOrFail(MerchantOffer, { id: Number(r.identifiers[0].id) });
    });
    this.cache.invalidate(`merchant:${merchant.id}`);
    return offer;
  }

  /** Edits the owner's own offer; another merchant's offer is 404. */
  async update(principal: Principal, id: number, patch: Partial<OfferInput>): Promise<MerchantOffer> {
    const { merchant } = await membershipOf(this.db.manager, principal, { ownerOnly: true });
    const offer = await this.db.transaction(async (em) => {
      const current = await em.findOneBy(MerchantOffer, { id, merchantId: merchant.id });
      if (!current) throw notFound('优惠不存在');
      if (current.status !== 'active') throw MerchantErrors.offerWithdrawn();
      const merged: OfferInput = {
        title: patch.title ?? current.title,
        description: patch.description ?? current.description,
        kind: patch.kind ?? current.kind,
        discountText: patch.discountText ?? current.discountText,
        priceFen: patch.priceFen !== undefined ? patch.priceFen : current.priceFen,
        faceValueFen: patch.faceValueFen !== undefined ? patch.faceValueFen : current.faceValueFen,
        perPersonDailyLimit:
          patch.perPersonDailyLimit !== undefined ? patch.perPersonDailyLimit : current.perPersonDailyLimit,
        stockTotal: patch.stockTotal !== undefined ? patch.stockTotal : current.stockTotal,
        eligibleCategories:
          patch.eligibleCategories ??
          (current.eligibleCategories ? (current.eligibleCategories.split(',') as HolderCategory[]) : []),
        validFrom: patch.validFrom !== undefined ? patch.validFrom : current.validFrom,
        validTo: patch.validTo !== undefined ? patch.validTo : current.validTo,
      };
      checkOffer(merged);
      if (merged.kind === 'voucher' && merged.stockTotal != null && merged.stockTotal < current.stockTaken) {
        throw validationFailed('stockTotal', `已售出或待支付 ${current.stockTaken} 张，库存不能少于此数`);
      }
      await em.update(
        MerchantOffer,
        { id },
        {
          ...merged,
          eligibleCategories: (merged.eligibleCategories ?? []).join(','),
          priceFen: merged.kind === 'voucher' ? (merged.priceFen ?? null) : null,
          faceValueFen: merged.kind === 'voucher' ? (merged.faceValueFen ?? null) : null,
          stockTotal: merged.kind === 'voucher' ? (merged.stockTotal ?? null) : null,
          updatedAt: this.clock.now(),
        },
      );
      return em.findOneByOrFail(MerchantOffer, { id });
    });
    this.cache.invalidate(`merchant:${merchant.id}`);
    return offer;
  }

  async withdraw(principal: Principal, id: number): Promise<MerchantOffer> {
    const { merchant } = await membershipOf(this.db.manager, principal, { ownerOnly: true, mustBeActive: false });
    const offer = await this.db.transaction(async (em) => {
      if (!(await em.existsBy(MerchantOffer, { id, merchantId: merchant.id }))) throw notFound('优惠不存在');
      const r = await em
        .createQueryBuilder()
        .update(MerchantOffer)
        .set({ status: 'withdrawn', updatedAt: this.clock.now() })
        .where('id = :id AND status = :active', { id, active: 'active' })
        .execute();
      if (r.affected !== 1) throw MerchantErrors.offerAlreadyWithdrawn();
      return em.findOneByOrFail(MerchantOffer, { id });
    });
    this.cache.invalidate(`merchant:${merchant.id}`);
    return offer;
  }

  /**
   * A voucher offer as a buyer meets it, read inside the caller's transaction: the offer with its
   * merchant's name and whether the merchant may sell now; null when there is no such voucher.
   */
  async voucherForSale(
    em: EntityManager,
    offerId: number,
  ): Promise<{ offer: MerchantOffer; merchantName: string; merchantActive: boolean } | null> {
    const offer = await em.findOneBy(MerchantOffer, { id: offerId, kind: 'voucher' });
    if (!offer) return null;
    const merchant = await em.findOne(Merchant, {
      where: { id: offer.merchantId },
      select: { id: true, name: true, status: true },
    });
    if (!merchant) return null;
    return { offer, merchantName: merchant.name, merchantActive: merchant.status === 'active' };
  }

  /**
   * Holds `count` vouchers of an offer for an order, inside the caller's transaction. One guarded
   * UPDATE (`stock_taken + count <= stock_total`), so concurrent buyers never take more than there
   * are; false when too few are left.
   */
  async takeVoucherStock(
    em: EntityManager,
    offer: { id: number; merchantId: number },
    count: number,
  ): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(MerchantOffer)
      .set({ stockTaken: () => `stock_taken + ${Math.trunc(count)}` })
      .where('id = :id AND (stock_total IS NULL OR stock_taken + :count <= stock_total)', { id: offer.id, count })
      .execute();
    if (r.affected === 1) this.cache.invalidate(`merchant:${offer.merchantId}`);
    return r.affected === 1;
  }

  /** Gives back vouchers an order held (it closed unpaid, or they were refunded). */
  async releaseVoucherStock(
    em: EntityManager,
    offer: { id: number; merchantId: number },
    count: number,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .update(MerchantOffer)
      .set({ stockTaken: () => `stock_taken - ${Math.trunc(count)}` })
      .where('id = :id AND stock_taken >= :count', { id: offer.id, count })
      .execute();
    this.cache.invalidate(`merchant:${offer.merchantId}`);
  }

  async listMine(principal: Principal): Promise<MerchantOffer[]> {
    const { merchant } = await membershipOf(this.db.manager, principal, { mustBeActive: false });
    return this.db.manager.find(MerchantOffer, { where: { merchantId: merchant.id }, order: { id: 'DESC' } });
  }
}
