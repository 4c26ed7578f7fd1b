import { z } from 'zod';
import { ROLES } from './roles';

export const wechatLoginBody = z.strictObject({ code: z.string().trim().min(1).max(128) });
/** The mini-program sends its refresh token here; the console's travels in its cookie instead. */
export const refreshBody = z.strictObject({ refreshToken: z.string().min(16).max(256).optional() });
export const passwordLoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

const mfaToken = z.string().min(16).max(2048);
export const mfaEnrollBody = z.strictObject({ mfaToken });
export const mfaVerifyBody = z.union([
  z.strictObject({
    mfaToken,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '验证码为 6 位数字'),
  }),
  z.strictObject({ mfaToken, recoveryCode: z.string().trim().min(8).max(32) }),
]);

const user = z.object({ id: z.number().int(), roles: z.array(z.enum(ROLES)) });
/** Shown once, when a sign-in completed a second-factor enrolment. */
const recoveryCodes = z.array(z.string()).optional();

export const sessionView = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime({ offset: true }),
  refreshToken: z.string(),
  user,
  recoveryCodes,
});
/** A console session (`X-Client: console`): the refresh token is in the `ry_refresh` cookie, not here. */
export const consoleSessionView = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime({ offset: true }),
  user,
  recoveryCodes,
});
/** The password was right; an admin or district account continues with its second factor. */
export const mfaChallengeView = z.object({
  mfaRequired: z.literal(true),
  mfaToken: z.string(),
  enrolled: z.boolean(),
});
export const mfaEnrolmentView = z.object({ secret: z.string(), otpauthUrl: z.string() });
