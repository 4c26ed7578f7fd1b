import { Proxies1767200000000 } from '../../../migrations/1767200000000-proxies';
import type { Core, ModuleOf } from '../../module';
import type { ApplicationsService } from '../cards/applications.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import type { StaffService } from '../staff/staff.service';
import { ProxyAction } from './proxy-action.entity';
import { ProxyLinkEvent } from './proxy-link-event.entity';
import { ProxyLink } from './proxy-link.entity';
import { PROXY_PAGES } from './proxies.pages';
import { proxiesPersonalData } from './proxies.personal-data';
import { proxiesRoutes } from './proxies.routes';
import { ProxiesService } from './proxies.service';

interface Uses {
  people: PeopleService;
  applications: ApplicationsService;
  staff: StaffService;
  notifications: NotificationsService;
}

/** Builds the module's services from the core and the services it uses. */
function build(c: Core, u: Uses) {
  return {
    proxies: new ProxiesService(c.db, u.people, u.applications, u.staff, u.notifications, c.fieldCrypto, c.clock),
  };
}

/**
 * Family members acting for holders (家属代办): the holder invites with a one-time code or staff
 * link at the desk; the family member acts with the holder's rights on the services granted (the
 * routes that declare `proxy`), every request recorded; either side revokes. The app hands its
 * service to the router, which asks it on every request carrying `X-Acting-For`.
 */
export const proxiesModule: ModuleOf<typeof build> = {
  name: 'proxies',
  entities: [ProxyLink, ProxyLinkEvent, ProxyAction],
  migrations: [Proxies1767200000000],
  personalData: (s) => proxiesPersonalData(s.proxies),
  pages: PROXY_PAGES,
  build,
  routes: (s, c) => proxiesRoutes(s.proxies, c.rateLimits),
};
