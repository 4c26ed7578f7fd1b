/** Server answers shared by page tests, shaped as the server's presenters shape them. */
export const merchant = {
  id: 5,
  name: '老兵面馆',
  category: { id: 2, name: '餐饮' },
  address: '解放路 5 号',
  lat: 30.27,
  lng: 120.15,
  contactPhone: '0571-88888888',
  intro: '三十年老店',
  distanceM: null,
  offers: [
    {
      id: 50,
      title: '堂食九折',
      description: '酒水除外',
      kind: 'discount',
      discountText: '九折',
      priceFen: null,
      faceValueFen: null,
      perPersonDailyLimit: 1,
      eligibleCategories: ['veteran', 'martyr_family'],
      validFrom: '2026-01-01T00:00:00.000+08:00',
      validTo: '2026-12-31T23:59:59.000+08:00',
      status: 'active',
    },
  ],
};

export const provider = {
  id: 4,
  name: '王律师',
  kind: 'lawyer',
  firm: '某某律师事务所',
  photoFileId: null,
  specialties: ['劳动争议', '婚姻家事'],
  serviceTypes: ['consultation', 'legal_aid'],
  modes: ['onsite', 'phone'],
  languages: ['普通话'],
  intro: '',
  averageRating: 4.8,
  ratingCount: 12,
  servedCount: 30,
};

/** An ISO time in Beijing, `days` from today at `hh:00`. */
export function at(days: number, hh: number): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
  const day = d.toISOString().slice(0, 10);
  return `${day}T${hh < 10 ? `0${hh}` : hh}:00:00.000+08:00`;
}
