/** The district centre: where "nearby" is measured from when the phone will not say where it is. */
export const DISTRICT_CENTRE = { lat: 30.2741, lng: 120.1551 };

export interface Position {
  lat: number;
  lng: number;
  /** True when this is the district centre because the location was refused or unavailable. */
  fallback: boolean;
}

/** Where the phone is (GCJ-02, what WeChat's maps use), or the district centre when it cannot tell. */
export function locate(): Promise<Position> {
  const centre: Position = { lat: DISTRICT_CENTRE.lat, lng: DISTRICT_CENTRE.lng, fallback: true };
  return new Promise((resolve) => {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => {
        if (typeof res.latitude === 'number' && typeof res.longitude === 'number') {
          resolve({ lat: res.latitude, lng: res.longitude, fallback: false });
        } else {
          resolve(centre);
        }
      },
      fail: () => resolve(centre),
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
