import { ensurePrivacy } from './privacy';

/** The district centre: where "nearby" is measured from when the phone will not say where it is. */
export const DISTRICT_CENTRE = { lat: 30.2741, lng: 120.1551 };

/** What the privacy popup says the location is for, unless the caller says otherwise. */
export const LOCATION_PURPOSE = '为了按远近为您查找附近的优待商户';

export interface Position {
  lat: number;
  lng: number;
  /** True when this is the district centre because the location was refused or unavailable. */
  fallback: boolean;
  /**
   * True when the holder declined the privacy guide: the phone was not asked where it is, and
   * distances from the centre would mean nothing to them.
   */
  declined: boolean;
}

/**
 * Where the phone is (GCJ-02, what WeChat's maps use), or the district centre when it cannot tell.
 * WeChat's privacy authorisation comes first (the page must carry `<ui-privacy />`); declining it
 * gives the district centre with `declined` set, and the page goes on without the location.
 */
export async function locate(purpose: string = LOCATION_PURPOSE): Promise<Position> {
  const centre = (declined: boolean): Position => ({
    lat: DISTRICT_CENTRE.lat,
    lng: DISTRICT_CENTRE.lng,
    fallback: true,
    declined,
  });
  if (!(await ensurePrivacy(purpose))) return centre(true);
  return new Promise((resolve) => {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => {
        if (typeof res.latitude === 'number' && typeof res.longitude === 'number') {
          resolve({ lat: res.latitude, lng: res.longitude, fallback: false, declined: false });
        } else {
          resolve(centre(false));
        }
      },
      fail: () => resolve(centre(false)),
    });
  });
}

/** `350 米`, `1.2 公里`, `12 公里`. */
export function formatDistance(metres: number | null | undefined): string {
  if (metres === null || metres === undefined || isNaN(metres)) return '';
  if (metres < 1000) return `${Math.max(0, Math.round(metres))} 米`;
  const km = metres / 1000;
  return km < 10 ? `${km.toFixed(1)} 公里` : `${Math.round(km)} 公里`;
}
