import { LegalAid1764300000000 } from '../../../migrations/1764300000000-legal-aid';
import { LegalAidPlaces1765900000000 } from '../../../migrations/1765900000000-legal-aid-places';
import type { Core, ModuleOf } from '../../module';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import { AppointmentEvent } from './appointment-event.entity';
import { AppointmentRemindersService } from './appointment-reminders.service';
import { BookingService } from './booking.service';
import { DeskPlannerService } from './desk-planner.service';
import { deskRoutes } from './desk.routes';
import { LEGAL_AID_TEMPLATES } from './legal-aid.notices';
import { readProviderFile } from './legal-aid.policy';
import { legalAidRoutes } from './legal-aid.routes';
import { LegalAppointment } from './legal-appointment.entity';
import { LegalDayOff } from './legal-day-off.entity';
import { LegalProvider } from './legal-provider.entity';
import { legalRemindersJob } from './legal-reminders.job';
import { LegalSchedule } from './legal-schedule.entity';
import { LegalSeriesService } from './legal-series.service';
import { LegalSlot } from './legal-slot.entity';
import { legalSlotsJob } from './legal-slots.job';
import { LegalWaitlist } from './legal-waitlist.entity';
import { ProvidersService } from './providers.service';
import { ServingService } from './serving.service';
import { WaitlistEvent } from './waitlist-event.entity';
import { LEGAL_AID_PAGES } from './legal-aid.pages';
import { legalAidPersonalData } from './legal-aid.personal-data';

/** Builds the module's services from the core and the services it uses. */
function build(c: Core, u: { notifications: NotificationsService; people: PeopleService }) {
  const booking = new BookingService(c.db, u.notifications, c.clock);
  return {
    booking,
    providers: new ProvidersService(c.db, c.clock),
    planner: new DeskPlannerService(c.db, c.clock),
    series: new LegalSeriesService(c.db, c.clock),
    serving: new ServingService(c.db, booking, u.notifications, u.people, c.clock),
    appointmentReminders: new AppointmentRemindersService(c.db, u.notifications, booking),
  };
}

/** Free legal services: providers and their hours, slots, booking, the waitlist, the provider's desk. */
export const legalAidModule: ModuleOf<typeof build, typeof LEGAL_AID_TEMPLATES> = {
  name: 'legal-aid',
  pages: LEGAL_AID_PAGES,
  entities: [
    LegalProvider,
    LegalSchedule,
    LegalDayOff,
    LegalSlot,
    LegalAppointment,
    LegalWaitlist,
    AppointmentEvent,
    WaitlistEvent,
  ],
  migrations: [LegalAid1764300000000, LegalAidPlaces1765900000000],
  templates: LEGAL_AID_TEMPLATES,
  jobs: [legalSlotsJob, legalRemindersJob],
  fileReadRules: { legal_provider: readProviderFile },
  personalData: () => legalAidPersonalData,
  build,
  routes: (s, c) => [
    ...legalAidRoutes(s.providers, s.booking, s.serving, c.clock),
    ...deskRoutes(s.providers, s.serving, s.planner, s.series),
  ],
};
