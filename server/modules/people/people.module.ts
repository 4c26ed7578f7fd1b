import { defineModule } from '../../module';
import type { NotificationsService } from '../notifications/notifications.service';
import { IdentityChangeEvent } from './identity-change-event.entity';
import { readChangeRequestFile } from './identity-change.policy';
import { IdentityChangeRequest } from './identity-change-request.entity';
import { identityChangeRoutes } from './identity-change.routes';
import { IdentityChangeService } from './identity-change.service';
import { peopleRoutes } from './people.routes';
import { PeopleService } from './people.service';
import { Person } from './person.entity';
import { PEOPLE_PAGES } from './people.pages';

/** The holder's identity (ID number encrypted, blind-indexed) and staff-reviewed changes to it. */
export const peopleModule = defineModule({
  name: 'people',
  pages: PEOPLE_PAGES,
  entities: [Person, IdentityChangeRequest, IdentityChangeEvent],
  fileReadRules: { identity_change_request: readChangeRequestFile },
  build: (c, u: { notifications: NotificationsService }) => {
    const people = new PeopleService(c.db, c.fieldCrypto, c.clock);
    return { people, identityChanges: new IdentityChangeService(c.db, people, u.notifications, c.clock) };
  },
  routes: (s) => [...peopleRoutes(s.people), ...identityChangeRoutes(s.identityChanges)],
});
