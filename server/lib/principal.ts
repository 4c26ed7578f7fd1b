/** Roles as fixed by the HTTP contract. */
export const ROLES = [
  'holder',
  'merchant_owner',
  'merchant_clerk',
  'lawyer',
  'station_staff',
  'district_staff',
  'admin',
  /** 代办员: does errands for holders, assigned one by one by their station; sees only those. */
  'errand_runner',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles that make an account bureau staff (may see holders' private files, act in the staff API). */
export const STAFF_ROLES: readonly Role[] = ['station_staff', 'district_staff', 'admin'];

export const isStaff = (roles: readonly Role[]) => roles.some((r) => STAFF_ROLES.includes(r));

/** Who is calling, as established by a verified access token; what services decide with. */
export interface Principal {
  accountId: number;
  roles: Role[];
  /**
   * Set when a family member acts for the holder (家属代办): the account that really made the
   * request. `accountId` and `roles` are then the holder's.
   */
  actedBy?: number;
}
