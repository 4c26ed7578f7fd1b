import type { LegalProvider } from './legal-provider.entity';

/** The legal desk's services and ways of meeting. */
export const SERVICE_TYPES = ['consultation', 'legal_aid', 'mediation', 'counselling'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const MODES = ['onsite', 'phone', 'video'] as const;
export type Mode = (typeof MODES)[number];

export const SERVICE_WORDS: Record<ServiceType, string> = {
  consultation: '法律咨询',
  legal_aid: '法律援助',
  mediation: '人民调解',
  counselling: '心理疏导',
};
export const MODE_WORDS: Record<Mode, string> = { onsite: '到场', phone: '电话', video: '视频' };

export const splitList = <T extends string>(s: string): T[] => (s ? (s.split(',') as T[]) : []);
export const joinList = (xs: readonly string[]) => [...new Set(xs)].join(',');

/** Who booked, as the appointment's own provider sees them: the phone only while the appointment is live. */
export interface HolderContact {
  name: string;
  phone: string | null;
}

/** What a holder's appointment shows of its provider: who, and where they meet in person. */
export type AppointmentProvider = Pick<LegalProvider, 'id' | 'name' | 'address' | 'latE6' | 'lngE6'>;
