import { isoTime } from '../../lib/time';
import type { Session } from './auth.service';

export const presentSession = (s: Session) => ({
  accessToken: s.accessToken,
  accessTokenExpiresAt: isoTime(s.accessTokenExpiresAt),
  refreshToken: s.refreshToken,
  user: s.user,
});
