import type { Principal } from '../../http/context';
import { isStaff } from '../auth/roles';
import type { StoredFile } from './stored-file.entity';

/**
 * A private file is readable by its owner and by bureau staff. (When card applications link
 * files to a station, station staff will be narrowed to their station's files.)
 */
export const canReadFile = (principal: Principal, file: StoredFile) =>
  file.ownerAccountId === principal.accountId || isStaff(principal.roles);
