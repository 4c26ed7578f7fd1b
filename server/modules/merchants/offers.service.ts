import type { Database } from '../../db/database';
import { notFound, validationFailed } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { Clock } from '../../lib/clock';
import type { HolderCategory } from '../../lib/id-number';
import { MerchantOffer, type OfferKind } from './merchant-offer.entity';
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
        eligibleCategories:
          patch.eligibleCategories ??
          (current.eligibleCategories ? (current.eligibleCategories.split(',') as HolderCategory[]) : []),
        validFrom: patch.validFrom !== undefined ? patch.validFrom : current.validFrom,
        validTo: patch.validTo !== undefined ? patch.validTo : current.validTo,
      };
      checkOffer(merged);
      await em.update(
        MerchantOffer,
        { id },
        {
          ...merged,
          eligibleCategories: (merged.eligibleCategories ?? []).join(','),
          priceFen: merged.kind === 'voucher' ? (merged.priceFen ?? null) : null,
          faceValueFen: merged.kind === 'voucher' ? (merged.faceValueFen ?? null) : null,
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

  async listMine(principal: Principal): Promise<MerchantOffer[]> {
    const { merchant } = await membershipOf(this.db.manager, principal, { mustBeActive: false });
    return this.db.manager.find(MerchantOffer, { where: { merchantId: merchant.id }, order: { id: 'DESC' } });
  }
}
