import { request } from './request';

export type HolderCategory = 'veteran' | 'martyr_family' | 'duty_death_family' | 'illness_death_family';

/** The categories a holder can choose, in the order the form lists them. */
export const HOLDER_CATEGORIES: Array<{ value: HolderCategory; label: string }> = [
  { value: 'veteran', label: '退役军人' },
  { value: 'martyr_family', label: '烈士遗属' },
  { value: 'duty_death_family', label: '因公牺牲军人遗属' },
  { value: 'illness_death_family', label: '病故军人遗属' },
];

/** The Chinese name of a category (the code itself if unknown). */
export function categoryLabel(category: string): string {
  for (const c of HOLDER_CATEGORIES) if (c.value === category) return c.label;
  return category;
}

/** The person's identity as the server shows it: never the full ID or phone number. */
export interface Identity {
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  category: HolderCategory;
  /** Checked by a service station; a verified identity can no longer be changed in the app. */
  verified: boolean;
}

export interface Me {
  id: number;
  displayName: string;
  roles: string[];
  identity: Identity | null;
}

export interface IdentityInput {
  name: string;
  idNumber: string;
  phone: string;
  category: HolderCategory;
}

/** The signed-in person: roles and masked identity. */
export function getMe(): Promise<Me> {
  return request<Me>('/api/v1/me');
}

/**
 * Binds (or corrects, while unverified) the holder's identity. Fails with ID_NUMBER_INVALID,
 * ID_NUMBER_TAKEN, IDENTITY_LOCKED or VALIDATION_FAILED, each with a message to show.
 */
export function bindIdentity(input: IdentityInput): Promise<Identity> {
  return request<Identity>('/api/v1/me/identity', { method: 'PUT', data: input });
}
