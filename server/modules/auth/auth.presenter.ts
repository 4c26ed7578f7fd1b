import { isoTime } from '../../lib/time';
import type { MfaChallenge, Session } from './auth.service';

export const presentSession = (s: Session) => ({
  accessToken: s.accessToken,
  accessTokenExpiresAt: isoTime(s.accessTokenExpiresAt),
  ...(s.console ? {} : { refreshToken: s.refreshToken }),
  user: s.user,
  ...(s.recoveryCodes ? { recoveryCodes: s.recoveryCodes } : {}),
});

export const presentSignIn = (s: Session | MfaChallenge) => ('mfaRequired' in s ? s : presentSession(s));
