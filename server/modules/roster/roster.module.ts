import { Roster1766900000000 } from '../../../migrations/1766900000000-roster';
import type { Core, ModuleOf } from '../../module';
import type { AppealsService } from '../appeals/appeals.service';
import type { CardStatsService } from '../cards/card-stats.service';
import type { ChatService } from '../chat/chat.service';
import type { BookingService } from '../legal-aid/booking.service';
import type { RedemptionsService } from '../merchants/redemptions.service';
import type { OrdersService } from '../payments/orders.service';
import type { PeopleService } from '../people/people.service';
import type { StaffService } from '../staff/staff.service';
import { PersonVisit } from './person-visit.entity';
import { RosterEntry } from './roster-entry.entity';
import { RosterImport } from './roster-import.entity';
import { rosterPersonalData } from './roster.personal-data';
import { rosterRoutes } from './roster.routes';
import { RosterService } from './roster.service';

interface Uses {
  people: PeopleService;
  staff: StaffService;
  cardStats: CardStatsService;
  booking: BookingService;
  redemptions: RedemptionsService;
  orders: OrdersService;
  chat: ChatService;
  appeals: AppealsService;
}

/** Builds the module's services from the core and the services it uses. */
function build(c: Core, u: Uses) {
  return { roster: new RosterService(c.db, u, c.clock) };
}

/** The bureau's roster (建档立卡), the one-person file (一人一档) and visits (走访慰问). */
export const rosterModule: ModuleOf<typeof build> = {
  name: 'roster',
  entities: [RosterEntry, RosterImport, PersonVisit],
  migrations: [Roster1766900000000],
  personalData: () => rosterPersonalData,
  build,
  routes: (s, c) => rosterRoutes(s.roster, c.clock),
};
