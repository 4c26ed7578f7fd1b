/**
 * A provider's profile as the desk edits it: one form for creating and editing, its checks (the
 * server's rules, so mistakes show before sending) and the body the server takes.
 */
import type { Mode, ServiceType, StaffProvider } from './types';

export type ProviderKind = StaffProvider['kind'];

/** The form's fields; lists are typed as text (separated by commas, 、 or spaces). */
export interface ProfileForm {
  name: string;
  kind: ProviderKind;
  firm: string;
  specialties: string;
  serviceTypes: ServiceType[];
  modes: Mode[];
  languages: string;
  intro: string;
  /** The lawyer login linked to the profile; null when none. */
  accountId: number | null;
  active: boolean;
  address: string;
  latitude: string;
  longitude: string;
  /** Kept as it is: the desk does not change photos. */
  photoFileId: number | null;
}

/** The body of `POST /staff/legal-aid/providers` and `PUT /staff/legal-aid/providers/:id`. */
export interface ProfileBody {
  name: string;
  kind: ProviderKind;
  firm: string;
  specialties: string[];
  serviceTypes: ServiceType[];
  modes: Mode[];
  languages: string[];
  intro: string;
  photoFileId: number | null;
  accountId: number | null;
  active: boolean;
  address: string | null;
  location: { latitude: number; longitude: number } | null;
}

/** A new profile: a lawyer, in person, speaking 普通话. */
export const emptyProfile = (): ProfileForm => ({
  name: '',
  kind: 'lawyer',
  firm: '',
  specialties: '',
  serviceTypes: ['consultation'],
  modes: ['onsite'],
  languages: '普通话',
  intro: '',
  accountId: null,
  active: true,
  address: '',
  latitude: '',
  longitude: '',
  photoFileId: null,
});

/** The form filled with a provider's profile as it is now. */
export const profileFromProvider = (p: StaffProvider): ProfileForm => ({
  name: p.name,
  kind: p.kind,
  firm: p.firm,
  specialties: p.specialties.join('、'),
  serviceTypes: [...p.serviceTypes],
  modes: [...p.modes],
  languages: p.languages.join('、'),
  intro: p.intro,
  accountId: p.accountId,
  active: p.active,
  address: p.address ?? '',
  latitude: p.location ? String(p.location.latitude) : '',
  longitude: p.location ? String(p.location.longitude) : '',
  photoFileId: p.photoFileId,
});

/** `劳动争议、婚姻家庭, 工伤` → the words, trimmed, each once. */
export const splitWords = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,，、;；\s]+/)
      .map((w) => w.trim())
      .filter(Boolean),
  ),
];

const coordinate = (text: string): number | null => {
  const t = text.trim();
  if (!t || !/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
};

/** What stops the form from being saved, in the order of the fields; empty when it can be. */
export function profileProblems(f: ProfileForm): string[] {
  const out: string[] = [];
  const len = (s: string) => [...s.trim()].length;
  if (len(f.name) < 2 || len(f.name) > 32) out.push('姓名 2–32 个字');
  if (len(f.firm) < 2 || len(f.firm) > 64) out.push('所属机构 2–64 个字');
  const specialties = splitWords(f.specialties);
  if (specialties.length > 10) out.push('擅长领域最多 10 项');
  if (specialties.some((s) => [...s].length > 16)) out.push('每项擅长领域不超过 16 个字');
  if (specialties.join(',').length > 255) out.push('擅长领域合计过长');
  if (!f.serviceTypes.length) out.push('至少选择一项服务');
  if (!f.modes.length) out.push('至少选择一种服务方式');
  const languages = splitWords(f.languages);
  if (languages.length > 6) out.push('语言最多 6 种');
  if (languages.some((s) => [...s].length > 12)) out.push('每种语言不超过 12 个字');
  if (languages.join(',').length > 64) out.push('语言合计过长');
  if (len(f.intro) > 500) out.push('简介不超过 500 字');
  if (f.address.trim() && (len(f.address) < 4 || len(f.address) > 128)) out.push('接待地址 4–128 个字');
  const hasLat = f.latitude.trim() !== '';
  const hasLng = f.longitude.trim() !== '';
  if (hasLat !== hasLng) out.push('地图位置须同时填写纬度和经度');
  else if (hasLat) {
    const lat = coordinate(f.latitude);
    const lng = coordinate(f.longitude);
    if (lat === null || lat < -90 || lat > 90) out.push('纬度须为 -90 到 90 之间的数');
    if (lng === null || lng < -180 || lng > 180) out.push('经度须为 -180 到 180 之间的数');
  }
  return out;
}

/** The whole profile as the server replaces it (a PUT sends every field, the photo kept). */
export function profileBody(f: ProfileForm): ProfileBody {
  const lat = coordinate(f.latitude);
  const lng = coordinate(f.longitude);
  const languages = splitWords(f.languages);
  return {
    name: f.name.trim(),
    kind: f.kind,
    firm: f.firm.trim(),
    specialties: splitWords(f.specialties),
    serviceTypes: [...f.serviceTypes],
    modes: [...f.modes],
    languages: languages.length ? languages : ['普通话'],
    intro: f.intro.trim(),
    photoFileId: f.photoFileId,
    accountId: f.accountId,
    active: f.active,
    address: f.address.trim() || null,
    location: lat !== null && lng !== null ? { latitude: lat, longitude: lng } : null,
  };
}
