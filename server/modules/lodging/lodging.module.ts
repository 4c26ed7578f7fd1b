import { Lodging1767100000000 } from '../../../migrations/1767100000000-lodging';
import type { Core, ModuleOf } from '../../module';
import type { MerchantsService } from '../merchants/merchants.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { LodgingFiguresService } from './lodging-figures.service';
import { LODGING_PROOF_OWNER, LodgingBookingEvent } from './lodging-booking-event.entity';
import { LodgingBooking } from './lodging-booking.entity';
import { LodgingHotel } from './lodging-hotel.entity';
import { LodgingNight } from './lodging-night.entity';
import { LODGING_PAGES } from './lodging.pages';
import { lodgingPersonalData } from './lodging.personal-data';
import { readLodgingProof } from './lodging.policy';
import { lodgingRoutes } from './lodging.routes';
import { LodgingService } from './lodging.service';

interface Uses {
  merchants: MerchantsService;
  notifications: NotificationsService;
}

/** Builds the module's services from the core and the services it uses. */
function build(c: Core, u: Uses) {
  return {
    lodging: new LodgingService(c.db, u.merchants, u.notifications, c.fieldCrypto, c.clock),
    lodgingFigures: new LodgingFiguresService(c.db),
  };
}

/**
 * 军人驿站: allied merchants the district signs to give serving soldiers and their families a free
 * room for a night. Guests book, the shop's desk confirms the stay, district staff review proofs
 * and read the figures. Its notices use the shared `service_notice` template.
 */
export const lodgingModule: ModuleOf<typeof build> = {
  name: 'lodging',
  pages: LODGING_PAGES,
  entities: [LodgingHotel, LodgingNight, LodgingBooking, LodgingBookingEvent],
  migrations: [Lodging1767100000000],
  fileReadRules: { [LODGING_PROOF_OWNER]: readLodgingProof },
  personalData: () => lodgingPersonalData,
  build,
  routes: (s) => lodgingRoutes(s.lodging, s.lodgingFigures),
};
