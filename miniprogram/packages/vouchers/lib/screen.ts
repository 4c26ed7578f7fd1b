/**
 * The screen at the counter while a voucher's QR code is shown: full brightness (so the scanner
 * reads the code) and kept on. The brightness the holder had is read first, and only when it is
 * known is the screen brightened, so that it can always be put back.
 */
let brightened = false;
let savedBrightness: number | null = null;

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
