/**
 * 统一社会信用代码: 18 characters from a 31-letter alphabet (digits and capitals without I, O, S, V,
 * Z); the last is a check character over the first 17. The server checks the same; the page checks
 * first so a typing slip is caught beside the field.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Empty when the code is well formed, else what to tell the applicant. */
export function creditCodeProblem(text: string): string {
  const code = text.trim().toUpperCase();
  if (!code) return '请填写营业执照上的统一社会信用代码';
  if (code.length !== 18) return `统一社会信用代码是 18 位，现在是 ${code.length} 位`;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(code[i]);
    if (v < 0) return '代码里有不该出现的字符，请对照营业执照核对';
    sum += v * WEIGHTS[i];
  }
  if (ALPHABET[(31 - (sum % 31)) % 31] !== code[17]) return '代码有误，请对照营业执照逐位核对';
  return '';
}
