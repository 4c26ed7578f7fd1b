import { z } from 'zod';
import { ROLES } from './roles';

export const wechatLoginBody = z.strictObject({ code: z.string().trim().min(1).max(128) });
export const refreshBody = z.strictObject({ refreshToken: z.string().min(16).max(256) });
export const passwordLoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const sessionView = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime({ offset: true }),
  refreshToken: z.string(),
  user: z.object({ id: z.number().int(), roles: z.array(z.enum(ROLES)) }),
});
