import { defineModule } from '../../module';
import type { MfaService } from '../auth/mfa.service';
import { AuditLog } from './audit-log.entity';
import { District } from './district.entity';
import { StaffService } from './staff.service';
import { staffRoutes } from './staff.routes';
import { Station } from './station.entity';

/** Districts, stations, staff accounts and the audit log. */
export const staffModule = defineModule({
  name: 'staff',
  entities: [AuditLog, District, Station],
  build: (c, u: { mfa: MfaService }) => ({ staff: new StaffService(c.db, c.clock, c.sessions, u.mfa) }),
  routes: (s) => staffRoutes(s.staff),
});
