import { Privacy1765800000000 } from '../../../migrations/1765800000000-privacy';
import { defineModule } from '../../module';
import { ConsentRecord } from './consent-record.entity';
import { ConsentService } from './consent.service';
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
import { peoplePersonalData } from './people.personal-data';

/**
 * The holder's identity (ID number encrypted, blind-indexed), the separate consent it needs, and
 * staff-reviewed changes to it.
 */
export const peopleModule = defineModule({
  name: 'people',
  pages: PEOPLE_PAGES,
  entities: [Person, IdentityChangeRequest, IdentityChangeEvent, ConsentRecord],
  migrations: [Privacy1765800000000],
  fileReadRules: { identity_change_request: readChangeRequestFile },
  build: (c, u: { notifications: NotificationsService }) => {
    const people = new PeopleService(c.db, c.fieldCrypto, c.clock);
    return {
      people,
      consent: new ConsentService(c.db, c.clock),
      identityChanges: new IdentityChangeService(c.db, people, u.notifications, c.clock),
    };
  },
  routes: (s) => [...peopleRoutes(s.people, s.consent), ...identityChangeRoutes(s.identityChanges)],
  personalData: (s) => peoplePersonalData(s.people),
});
