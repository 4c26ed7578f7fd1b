import { Merchants1764200000000 } from '../../../migrations/1764200000000-merchants';
import { ComplaintsAndBounds1764700000000 } from '../../../migrations/1764700000000-complaints-and-bounds';
import { MerchantLicencePhoto1766000000000 } from '../../../migrations/1766000000000-merchant-licence-photo';
import { VoucherStock1766400000000 } from '../../../migrations/1766400000000-voucher-stock';
import { MerchantSearchIndex1767300000000 } from '../../../migrations/1767300000000-merchant-search-index';
import { defineModule } from '../../module';
import type { CardService } from '../cards/card.service';
import type { QrTokens } from '../cards/qr-token.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import { BrowseService } from './browse.service';
import { ComplaintCaseService } from './complaint-case.service';
import { ComplaintsService } from './complaints.service';
import { MerchantCategory } from './merchant-category.entity';
import { MerchantComplaintEvent } from './merchant-complaint-event.entity';
import { MerchantComplaint } from './merchant-complaint.entity';
import { MerchantEvent } from './merchant-event.entity';
import { MerchantMember } from './merchant-member.entity';
import { MerchantOffer } from './merchant-offer.entity';
import { merchantPortalRoutes } from './merchant-portal.routes';
import { MerchantSeriesService } from './merchant-series.service';
import { Merchant } from './merchant.entity';
import { merchantsRoutes } from './merchants.routes';
import { MERCHANT_APPLICATION_FILE, MerchantsService } from './merchants.service';
import { REDEEMED_CARD_FILE, readCounterPhoto, readLicenceFile, useCounterClock } from './merchants.policy';
import { OffersService } from './offers.service';
import { RedemptionDailyCount } from './redemption-daily-count.entity';
import { Redemption } from './redemption.entity';
import { RedemptionsService } from './redemptions.service';
import { SingleFlightCache } from './single-flight-cache';
import { staffMerchantsRoutes } from './staff-merchants.routes';
import { MERCHANT_PAGES } from './merchants.pages';
import { merchantsPersonalData } from './merchants.personal-data';

/** Nearby searches an instance keeps: the same spot asked again (a counter, a phone paging back). */
const NEARBY_CACHE_ENTRIES = 256;

interface Uses {
  notifications: NotificationsService;
  people: PeopleService;
  cards: CardService;
  qrTokens: QrTokens;
}

/** The merchant alliance: merchants and their clerks, offers, verification at the counter, complaints. */
export const merchantsModule = defineModule({
  name: 'merchants',
  pages: MERCHANT_PAGES,
  entities: [
    MerchantCategory,
    Merchant,
    MerchantMember,
    MerchantOffer,
    Redemption,
    RedemptionDailyCount,
    MerchantComplaint,
    MerchantComplaintEvent,
    MerchantEvent,
  ],
  migrations: [
    Merchants1764200000000,
    ComplaintsAndBounds1764700000000,
    MerchantLicencePhoto1766000000000,
    VoucherStock1766400000000,
    MerchantSearchIndex1767300000000,
  ],
  fileReadRules: { [MERCHANT_APPLICATION_FILE]: readLicenceFile, [REDEEMED_CARD_FILE]: readCounterPhoto },
  personalData: () => merchantsPersonalData,
  build: (c, u: Uses) => {
    useCounterClock(c.clock);
    // Hot catalogue reads (categories, a merchant's page) are cached for a few seconds per
    // instance, and so are nearby searches, fewer of them (a page of listings is tens of KB): any
    // change to a merchant, an offer or a category drops every search.
    const searches = new SingleFlightCache<unknown>(10_000, Date.now, NEARBY_CACHE_ENTRIES);
    const catalogue = new SingleFlightCache<unknown>(10_000, Date.now, 5000, [searches]);
    return {
      merchants: new MerchantsService(c.db, u.notifications, c.clock, catalogue, c.sessions),
      offers: new OffersService(c.db, c.clock, catalogue),
      browse: new BrowseService(c.db, c.clock, catalogue, searches),
      redemptions: new RedemptionsService(c.db, u.qrTokens, c.clock),
      complaints: new ComplaintsService(c.db, u.notifications, u.people, u.cards, c.clock),
      complaintCases: new ComplaintCaseService(c.db, u.people),
      merchantSeries: new MerchantSeriesService(c.db, c.clock),
    };
  },
  routes: (s) => [
    ...merchantsRoutes(s.merchants, s.browse, s.redemptions, s.complaints),
    ...merchantPortalRoutes(s.merchants, s.offers, s.redemptions),
    ...staffMerchantsRoutes(s.merchants, s.complaints, s.redemptions, s.complaintCases, s.merchantSeries),
  ],
});
