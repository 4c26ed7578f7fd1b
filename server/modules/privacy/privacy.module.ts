import { defineModule } from '../../module';
import type { PeopleService } from '../people/people.service';
import { privacyRoutes } from './privacy.routes';
import { PrivacyService } from './privacy.service';

/**
 * The holder's rights over their personal information: reading what is stored about them and
 * deleting their account. Each module declares what it keeps (`personalData`); this one asks them all.
 */
export const privacyModule = defineModule({
  name: 'privacy',
  build: (c, u: { people: PeopleService }) => ({
    privacy: new PrivacyService(c.db, u.people, c.personalData, c.sessions, c.ports.storage, c.clock, c.logger),
  }),
  routes: (s) => privacyRoutes(s.privacy),
});
