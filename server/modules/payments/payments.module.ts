import { VoucherOrders1766500000000 } from '../../../migrations/1766500000000-voucher-orders';
import { VoucherRefunds1766600000000 } from '../../../migrations/1766600000000-voucher-refunds';
import { PaymentReconciliations1766700000000 } from '../../../migrations/1766700000000-payment-reconciliations';
import type { Core, ModuleOf } from '../../module';
import type { CardService } from '../cards/card.service';
import type { MerchantsService } from '../merchants/merchants.service';
import type { OffersService } from '../merchants/offers.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { closeOrdersJob } from './close-orders.job';
import { OrdersService } from './orders.service';
import { RefundsService } from './refunds.service';
import { refundsJob } from './refunds.job';
import { VoucherCounterService } from './voucher-counter.service';
import { VoucherTokens } from './voucher-tokens';
import { PAYMENTS_PAGES, PAYMENTS_TEMPLATES } from './payments.notices';
import { paymentsPersonalData } from './payments.personal-data';
import { paymentsRoutes } from './payments.routes';
import { PaymentReconciliation } from './payment-reconciliation.entity';
import { PaymentReconciliationItem } from './payment-reconciliation-item.entity';
import { reconcileBillJob } from './reconcile-bill.job';
import { reconciliationRoutes } from './reconciliation.routes';
import { ReconciliationService } from './reconciliation.service';
import { SettlementService } from './settlement.service';
import { settlementRoutes } from './settlement.routes';
import { Voucher } from './voucher.entity';
import { VoucherOrderEvent } from './voucher-order-event.entity';
import { VoucherOrder } from './voucher-order.entity';
import { VoucherPurchaseCount } from './voucher-purchase-count.entity';
import { VoucherRefund } from './voucher-refund.entity';

/** Builds the module's services from the core and the services it uses. */
function build(
  c: Core,
  u: { cards: CardService; offers: OffersService; merchants: MerchantsService; notifications: NotificationsService },
) {
  const pay = c.ports.wechatPay;
  const notifyBase = c.config.wechatPay.mode === 'off' ? '' : c.config.wechatPay.notifyBase;
  return {
    orders: new OrdersService(c.db, u.cards, u.offers, u.notifications, pay, notifyBase, c.clock, c.logger),
    refunds: new RefundsService(c.db, u.offers, u.notifications, pay, notifyBase, c.clock, c.logger),
    voucherCounter: new VoucherCounterService(
      c.db,
      u.merchants,
      u.notifications,
      new VoucherTokens(c.config.jwt.secret, c.clock),
      c.clock,
    ),
    settlement: new SettlementService(c.db, u.merchants, c.clock),
    reconciliation: new ReconciliationService(c.db, pay, c.clock, c.logger),
  };
}

/** Vouchers bought with WeChat Pay: orders, their payment, their vouchers. */
export const paymentsModule: ModuleOf<typeof build, typeof PAYMENTS_TEMPLATES> = {
  name: 'payments',
  pages: PAYMENTS_PAGES,
  templates: PAYMENTS_TEMPLATES,
  entities: [
    VoucherOrder,
    VoucherOrderEvent,
    Voucher,
    VoucherPurchaseCount,
    VoucherRefund,
    PaymentReconciliation,
    PaymentReconciliationItem,
  ],
  migrations: [VoucherOrders1766500000000, VoucherRefunds1766600000000, PaymentReconciliations1766700000000],
  jobs: [closeOrdersJob, refundsJob, reconcileBillJob],
  personalData: () => paymentsPersonalData,
  build,
  routes: (s) => [
    ...paymentsRoutes(s.orders, s.refunds, s.voucherCounter),
    ...settlementRoutes(s.settlement),
    ...reconciliationRoutes(s.reconciliation),
  ],
};
