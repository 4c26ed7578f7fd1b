import { reactive } from 'vue';
import { ApiClient, CSRF_COOKIE, cookieFrom, type SignedOutReason } from '../api/client';
import type { Me, SignedIn, StationList } from '../api/types';
import { ACTIVITY_EVENTS, IDLE_TIMEOUT_MS, IDLE_WARN_MS, IdleTimer } from './idle';

/** The signed-in person as the layout shows them. */
export interface SessionUser {
  id: number;
  displayName: string;
  roles: string[];
  stationName: string | null;
}

export const client = new ApiClient({
  fetch: (input, init) => window.fetch(input, init),
  readCookie: (name) => cookieFrom(document.cookie, name),
});

export const session = reactive({
  user: null as SessionUser | null,
  /** Why the last session ended (shown on the sign-in page), null while signed in. */
  ended: null as SignedOutReason | null,
  idleWarning: false,
  idleDeadline: 0,
});

const idle = new IdleTimer(
  {
    timeoutMs: IDLE_TIMEOUT_MS,
    warnMs: IDLE_WARN_MS,
    onWarn: (msLeft) => {
      session.idleWarning = true;
      session.idleDeadline = Date.now() + msLeft;
    },
    onActive: () => {
      session.idleWarning = false;
    },
    onExpire: () => {
      session.idleWarning = false;
      void signOut('idle');
    },
  },
  {
    now: () => Date.now(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
  },
);

/**
 * The server ends a console session that has not called it for 30 minutes. Someone reading and
 * scrolling without saving anything is still at work: while there is activity, the session is
 * renewed every ten minutes.
 */
const KEEP_ALIVE_MS = 10 * 60_000;
let lastKeepAlive = 0;
const touch = () => {
  idle.touch();
  if (session.user && !session.idleWarning && Date.now() - lastKeepAlive > KEEP_ALIVE_MS) {
    lastKeepAlive = Date.now();
    void client.refresh();
  }
};
for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, touch, { capture: true, passive: true });

client.onSignedOut((reason) => {
  idle.stop();
  session.user = null;
  session.idleWarning = false;
  session.ended = reason;
  onEndedListeners.forEach((l) => l(reason));
});

const onEndedListeners: Array<(reason: SignedOutReason) => void> = [];
/** The router listens here to go back to the sign-in page. */
export const onSessionEnded = (l: (reason: SignedOutReason) => void) => onEndedListeners.push(l);

/** Who is signed in: name and roles from /me, the station's name when the account has one. */
async function loadUser(fallbackRoles: string[]): Promise<void> {
  const me = await client.get<Me & { stationId?: number | null; station?: { id: number; name: string } | null }>(
    '/api/v1/me',
  );
  let stationName = me.station?.name ?? null;
  const stationId = me.stationId ?? me.station?.id ?? null;
  if (!stationName && stationId) {
    const list = await client.get<StationList>('/api/v1/stations').catch(() => null);
    stationName = list?.items.find((s) => s.id === stationId)?.name ?? null;
  }
  session.user = {
    id: me.id,
    displayName: me.displayName,
    roles: me.roles.length ? [...me.roles] : fallbackRoles,
    stationName,
  };
}

/** A sign-in completed (password alone, or the second factor): the session starts. */
export async function startSession(answer: SignedIn): Promise<void> {
  client.startSession(answer);
  session.ended = null;
  await loadUser(answer.user.roles);
  lastKeepAlive = Date.now();
  idle.start();
}

/**
 * After a reload the access token is gone (it was only in memory); the refresh cookie may still
 * hold a session. Tries it once when the CSRF cookie says there is one.
 */
export async function restoreSession(): Promise<boolean> {
  if (session.user) return true;
  if (!cookieFrom(document.cookie, CSRF_COOKIE)) return false;
  if (!(await client.refresh())) return false;
  try {
    await loadUser([]);
  } catch {
    return false;
  }
  session.ended = null;
  lastKeepAlive = Date.now();
  idle.start();
  return true;
}

export async function signOut(reason: SignedOutReason = 'signed_out'): Promise<void> {
  await client.signOut(reason);
}
