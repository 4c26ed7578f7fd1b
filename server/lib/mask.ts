/** Masks for personal data in responses: only the last four characters are ever shown. */
export const maskIdNumber = (last4: string) => `${'*'.repeat(14)}${last4}`;
export const maskPhone = (last4: string) => `${'*'.repeat(7)}${last4}`;
/** 张三 → 张*, 欧阳娜娜 → 欧***: enough for a clerk to match the person in front of them. */
export const maskName = (name: string) => {
  const chars = Array.from(name);
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
};
