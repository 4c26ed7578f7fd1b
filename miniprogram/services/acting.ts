/**
 * 为家人代办: while a family member acts for a holder, the requests of the services the holder
 * granted carry `X-Acting-For: <holder's account>`, and only those. Kept on the phone so the
 * acting mode survives leaving and reopening the mini-program; 结束代办 clears it.
 */

/** The services a family member may be granted (the server's `proxy` routes). */
export type ActingService = 'card' | 'appeals' | 'legal_aid';

export interface Acting {
  linkId: number;
  holderAccountId: number;
  /** The holder's name as the server shows it, masked (王**). */
  name: string;
  services: ActingService[];
}

const KEY = 'acting';

/**
 * Which service a request path belongs to, exactly as the server's routes take a family member:
 * the holder's appeals; their card application and card (not the eligibility self-check, not the
 * QR code, which the holder shows in person); their legal-aid appointments (not a review).
 * Null for every other path: identity, consent, 我的信息, deleting the account, the links themselves.
 */
const SERVICE_PATHS: Array<[RegExp, ActingService[]]> = [
  [/^\/api\/v1\/appeals(\/.*)?$/, ['appeals']],
  [/^\/api\/v1\/card-applications(\/mine|\/\d+(\/(submit|withdraw))?)?$/, ['card']],
  [/^\/api\/v1\/me\/card(\/report-lost)?$/, ['card']],
  [/^\/api\/v1\/legal-aid\/appointments(\/mine|\/\d+\/cancel)?$/, ['legal_aid']],
  // The holder's photo and documents, for the card application or an appeal.
  [/^\/api\/v1\/files(\/\d+)?$/, ['card', 'appeals']],
];

/** The services a path serves (any one of them granted lets a family member use it); empty for none. */
export function servicesOfPath(path: string): ActingService[] {
  const bare = path.split('?')[0];
  for (const [pattern, services] of SERVICE_PATHS) if (pattern.test(bare)) return services;
  return [];
}

/** Who the phone acts for now, or null. */
export function currentActing(): Acting | null {
  try {
    const stored = wx.getStorageSync(KEY) as Acting | '' | undefined;
    return stored && typeof stored === 'object' && stored.holderAccountId ? stored : null;
  } catch {
    return null;
  }
}

/** 开始代办: from now on the granted services' requests are the holder's. */
export function startActing(acting: Acting): void {
  wx.setStorageSync(KEY, acting);
}

/** 结束代办: back to the family member's own account. */
export function stopActing(): void {
  wx.removeStorageSync(KEY);
}

/** The header a request to `path` carries: `X-Acting-For` only for a service the holder granted. */
export function actingHeader(path: string): Record<string, string> {
  const acting = currentActing();
  if (!acting) return {};
  const granted = servicesOfPath(path).some((s) => acting.services.indexOf(s) >= 0);
  return granted ? { 'X-Acting-For': String(acting.holderAccountId) } : {};
}
