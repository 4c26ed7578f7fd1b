/** The roles live below every module (lib/principal.ts), so that services and the HTTP layer share them. */
export { ROLES, STAFF_ROLES, isStaff, type Role } from '../../lib/principal';
