/**
 * Checks on the phone before anything is sent: the 居民身份证号码 (GB 11643-1999: six-digit
 * region code, eight-digit birth date, three-digit sequence, ISO 7064 MOD 11-2 check character)
 * and the mobile number. The server checks again; these only spare the person a round trip and
 * say plainly what is wrong.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** First two digits: provinces, autonomous regions and municipalities, plus HK/Macao/Taiwan residence permits. */
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
];

/** What the person reads under the field, one message per problem. */
export const ID_NUMBER_MESSAGES = {
  empty: '请填写身份证号码',
  length: '身份证号码应为 18 位',
  chars: '身份证号码前 17 位应为数字，最后一位为数字或 X',
  region: '身份证号码的地区码不正确，请核对前两位',
  birthDate: '身份证号码中的出生日期不正确，请核对第 7 到 14 位',
  checkDigit: '身份证号码校验位不正确，请核对后重新输入',
};

export const PHONE_MESSAGES = {
  empty: '请填写手机号码',
  invalid: '请填写 11 位手机号码',
};

export type IdNumberCheck =
  | { ok: true; normalized: string /** `YYYY-MM-DD` */; birthDate: string }
  | { ok: false; message: string };

export type PhoneCheck = { ok: true; normalized: string } | { ok: false; message: string };

/** The check character for the first 17 digits. */
export function checkDigitOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * WEIGHTS[i];
  return CHECK_CHARS.charAt(sum % 11);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Checks an ID number as typed (spaces ignored, lowercase x accepted) against `today`, the
 * phone's date. Returns the normalized number and the birth date, or the first problem found.
 */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberCheck {
  const normalized = String(raw || '')
    .replace(/\s+/g, '')
    .toUpperCase();
  if (normalized.length === 0) return { ok: false, message: ID_NUMBER_MESSAGES.empty };
  if (normalized.length !== 18) {
    return { ok: false, message: `${ID_NUMBER_MESSAGES.length}，现在是 ${normalized.length} 位` };
  }
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, message: ID_NUMBER_MESSAGES.chars };
  if (PROVINCES.indexOf(Number(normalized.slice(0, 2))) < 0) return { ok: false, message: ID_NUMBER_MESSAGES.region };

  const y = Number(normalized.slice(6, 10));
  const m = Number(normalized.slice(10, 12));
  const d = Number(normalized.slice(12, 14));
  const birth = new Date(y, m - 1, d);
  const real = birth.getFullYear() === y && birth.getMonth() === m - 1 && birth.getDate() === d;
  const birthKey = normalized.slice(6, 14);
  const todayKey = `${today.getFullYear()}${pad2(today.getMonth() + 1)}${pad2(today.getDate())}`;
  if (!real || y < 1900 || birthKey > todayKey) return { ok: false, message: ID_NUMBER_MESSAGES.birthDate };

  if (checkDigitOf(normalized) !== normalized.charAt(17)) return { ok: false, message: ID_NUMBER_MESSAGES.checkDigit };
  return {
    ok: true,
    normalized,
    birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
  };
}

/** A mainland mobile number: 11 digits starting 13–19 (spaces and dashes ignored). */
export function checkPhone(raw: string): PhoneCheck {
  const normalized = String(raw || '').replace(/[\s-]+/g, '');
  if (normalized.length === 0) return { ok: false, message: PHONE_MESSAGES.empty };
  if (!/^1[3-9]\d{9}$/.test(normalized)) return { ok: false, message: PHONE_MESSAGES.invalid };
  return { ok: true, normalized };
}
