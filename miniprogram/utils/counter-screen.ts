/**
 * A QR code shown at a counter (the electronic card's, a voucher's): the screen at full brightness
 * so the scanner reads it and kept on, and the short-lived code replaced before it lapses, with the
 * seconds to that counted down for the holder and the clerk.
 */

/** A new code is fetched this long before the shown one expires (the clerk needs time to scan it). */
const REFRESH_BEFORE_MS = 10 * 1000;
/** When the phone's clock disagrees with the server's so much that the expiry makes no sense. */
const FALLBACK_REFRESH_MS = 50 * 1000;
const MAX_REFRESH_MS = 10 * 60 * 1000;

let brightened = false;
let savedBrightness: number | null = null;

/**
 * Full brightness and the screen kept on. The brightness the holder had is read first, and only
 * when it is known is the screen brightened, so that it can always be put back.
 */
export function brighten(): void {
  if (brightened) return;
  brightened = true;
  if (typeof wx.setKeepScreenOn === 'function') wx.setKeepScreenOn({ keepScreenOn: true });
  if (typeof wx.getScreenBrightness !== 'function' || typeof wx.setScreenBrightness !== 'function') return;
  wx.getScreenBrightness({
    success: (res) => {
      // The code may have been put away while the phone answered.
      if (!brightened) return;
      savedBrightness = res.value;
      wx.setScreenBrightness({ value: 1 });
    },
  });
}

/** The holder's own brightness back, and the screen may sleep again. */
export function restoreScreen(): void {
  if (!brightened) return;
  brightened = false;
  if (savedBrightness !== null && typeof wx.setScreenBrightness === 'function') {
    wx.setScreenBrightness({ value: savedBrightness });
  }
  savedBrightness = null;
  if (typeof wx.setKeepScreenOn === 'function') wx.setKeepScreenOn({ keepScreenOn: false });
}

/**
 * The timers of one shown code: `refresh` is called shortly before it expires, `seconds` every
 * second with the seconds left until then. Timers live outside the page's data: they are not
 * something to render.
 */
export class QrRefresh {
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private countdownTimer: ReturnType<typeof setInterval> | null = null;
  /** When the shown code is replaced (ms since the epoch on this phone's clock). */
  private refreshAt = 0;

  /** Replaces the code that expires at `expiresAt` (the server's time) in good time. */
  schedule(expiresAt: string, refresh: () => void, seconds: (left: number) => void): void {
    this.stop();
    let delay = Date.parse(expiresAt) - Date.now() - REFRESH_BEFORE_MS;
    if (isNaN(delay) || delay < 1000 || delay > MAX_REFRESH_MS) delay = FALLBACK_REFRESH_MS;
    this.refreshAt = Date.now() + delay;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      refresh();
    }, delay);
    const tick = () => seconds(Math.max(0, Math.ceil((this.refreshAt - Date.now()) / 1000)));
    tick();
    this.countdownTimer = setInterval(tick, 1000);
  }

  stop(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    if (this.countdownTimer !== null) clearInterval(this.countdownTimer);
    this.countdownTimer = null;
  }
}
