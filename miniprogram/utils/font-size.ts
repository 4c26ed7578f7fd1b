/**
 * Following WeChat's own text size (我 → 设置 → 通用 → 字体大小, and 关怀模式): the page sets its root
 * font size with `page-meta` and sizes its text in rem, so a larger setting enlarges the text of the
 * page and of its components together.
 */

/** WeChat's standard text size in px; the settings above it scale from here. */
const STANDARD_PX = 17;
/** 1rem at the standard setting, in rpx: the body text size app.wxss uses. */
const REM_RPX = 34;
/** The largest setting is about 1.4×; beyond 2× the layout would no longer hold. */
const MAX_SCALE = 2;

const clamp = (n: number) => Math.min(MAX_SCALE, Math.max(1, n));

/**
 * How much larger than standard the holder wants text. Prefers the scale factor newer base
 * libraries report, else the size setting in px; never smaller than 1, because the page's standard
 * sizes are already the smallest an older reader should get.
 */
export function fontScale(): number {
  try {
    if (typeof wx.getAppBaseInfo !== 'function') return 1;
    const info = wx.getAppBaseInfo() as Partial<WechatMiniprogram.AppBaseInfo>;
    if (typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0) {
      return clamp(info.fontSizeScaleFactor);
    }
    if (typeof info.fontSizeSetting === 'number' && info.fontSizeSetting > 0) {
      return clamp(info.fontSizeSetting / STANDARD_PX);
    }
  } catch {
    // an older base library without the API: standard size
  }
  return 1;
}

function windowWidth(): number {
  try {
    if (typeof wx.getWindowInfo === 'function') return wx.getWindowInfo().windowWidth || 375;
  } catch {
    // not available: assume the common 375 px width
  }
  return 375;
}

/** The root font size for `page-meta`, in px: 34rpx of this screen, times the holder's scale. */
export function rootFontSize(): string {
  const px = ((windowWidth() * REM_RPX) / 750) * fontScale();
  return `${Math.round(px * 10) / 10}px`;
}
