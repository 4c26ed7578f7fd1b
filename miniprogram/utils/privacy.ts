/**
 * WeChat's privacy authorisation (隐私保护指引). Before the first use of location, the camera or
 * album, the scanner or the clipboard, WeChat asks the app to show its own popup and let the person
 * agree or decline; the popup lives on each page that uses such an API (`<ui-privacy />`), and this
 * file connects WeChat's request to the popup of the page on top.
 *
 * A page calls `ensurePrivacy('用于查找附近的优待商户')` before the API: it resolves true once the
 * person has agreed (at once when they agreed before), false when they decline, and the page says
 * plainly what does not work and carries on. Declining never blocks the rest of the app.
 */

/** WeChat's answer to its request: agree (naming the agree button) or disagree. */
export interface PrivacyAnswer {
  event: 'agree' | 'disagree' | 'exposureAuthorization';
  buttonId?: string;
}
export type PrivacyResolve = (answer: PrivacyAnswer) => void;

/** What a page's popup does when WeChat asks. */
export interface PrivacyPopup {
  open(resolve: PrivacyResolve, purpose: string): void;
}

const popups: PrivacyPopup[] = [];
let purpose = '';
let listening = false;

/** The popup of a page being shown registers itself; the last one registered is the page on top. */
export function registerPrivacyPopup(popup: PrivacyPopup): void {
  popups.push(popup);
  startListening();
}

export function unregisterPrivacyPopup(popup: PrivacyPopup): void {
  const i = popups.lastIndexOf(popup);
  if (i >= 0) popups.splice(i, 1);
}

/**
 * Connects WeChat's request to the popups (once per app run; App.onLaunch calls it, and the first
 * popup does too in case it was not). A request with no popup on the page is declined: the API
 * then fails and the page's refusal path runs, rather than WeChat waiting forever.
 */
export function startListening(): void {
  if (listening || typeof wx.onNeedPrivacyAuthorization !== 'function') return;
  listening = true;
  // The typings give the listener the wrong parameter type: WeChat passes a resolve function.
  const listen = wx.onNeedPrivacyAuthorization as unknown as (listener: (resolve: PrivacyResolve) => void) => void;
  listen((resolve) => {
    const popup = popups[popups.length - 1];
    if (!popup) {
      resolve({ event: 'disagree' });
      return;
    }
    popup.open(resolve, purpose);
  });
}

/**
 * Resolves true when the person has agreed to the privacy guide (asking them first if needed),
 * false when they decline. On a base library without the authorisation API, true: WeChat then
 * asks in its own way when the API is used.
 */
export function ensurePrivacy(why: string): Promise<boolean> {
  if (typeof wx.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
  startListening();
  purpose = why;
  return new Promise((resolve) => {
    wx.requirePrivacyAuthorize({
      success: () => resolve(true),
      fail: () => resolve(false),
    });
  });
}

/** Opens the privacy guide itself (the text registered with WeChat). */
export function openPrivacyGuide(): void {
  if (typeof wx.openPrivacyContract === 'function') wx.openPrivacyContract({});
}
