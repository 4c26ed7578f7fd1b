/**
 * 居民身份证号码 (GB 11643-1999): six-digit region code, eight-digit birth date, three-digit
 * sequence (odd for men) and an ISO 7064 MOD 11-2 check character.
 */

export const HOLDER_CATEGORIES = ['veteran', 'martyr_family', 'duty_death_family', 'illness_death_family'] as const;
export type HolderCategory = (typeof HOLDER_CATEGORIES)[number];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** First two digits: the provinces, autonomous regions and municipalities, plus HK/Macao/Taiwan residence permits. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

export type IdNumberProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

export interface IdNumberFacts {
  normalized: string;
  birthDate: string;
  gender: 'M' | 'F';
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X',
  region: '身份证号码的地区码不正确',
  birth_date: '身份证号码中的出生日期不正确',
  check_digit: '身份证号码校验位不正确，请核对后重新输入',
};

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Validates an ID number against `today` (UTC date); returns its facts or the first problem. */
export function parseIdNumber(
  raw: string,
  today: Date,
): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem } {
  const normalized = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, problem: 'format' };
  if (!PROVINCES.has(Number(normalized.slice(0, 2)))) return { ok: false, problem: 'region' };

  const y = Number(normalized.slice(6, 10));
  const m = Number(normalized.slice(10, 12));
  const d = Number(normalized.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const real = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!real || y < 1900 || birth.getTime() > today.getTime()) return { ok: false, problem: 'birth_date' };

  if (checkDigit(normalized) !== normalized[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, facts: factsOf(normalized) };
}

/**
 * What a valid, normalized number says about its holder. The person's row keeps none of this in
 * plaintext (birth date, gender and the last four together leave only the region code unknown):
 * it is read from the decrypted number when needed.
 */
export function factsOf(normalized: string): IdNumberFacts {
  return {
    normalized,
    birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
    gender: Number(normalized[16]) % 2 === 1 ? 'M' : 'F',
  };
}

/** Whole years between a `YYYY-MM-DD` birth date and `today`. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}
