import { describe, expect, it } from 'vitest';
import { emptyProfile, profileBody, profileFromProvider, profileProblems, splitWords } from './profile';
import type { StaffProvider } from './types';

const provider = (over: Partial<StaffProvider> = {}): StaffProvider => ({
  id: 7,
  name: '王建军律师',
  kind: 'lawyer',
  firm: '拥军律师事务所',
  photoFileId: 42,
  specialties: ['劳动争议', '婚姻家庭'],
  serviceTypes: ['consultation', 'legal_aid'],
  modes: ['onsite', 'phone'],
  languages: ['普通话', '上海话'],
  intro: '从事法律援助工作十余年',
  address: '上海市黄浦区人民大道 200 号',
  averageRating: 4.5,
  ratingCount: 2,
  servedCount: 10,
  active: true,
  accountId: 31,
  location: { latitude: 31.2304, longitude: 121.4737 },
  ...over,
});

describe('a provider profile form', () => {
  it('fills from a provider and gives back the same profile, photo and login kept', () => {
    const p = provider();
    const form = profileFromProvider(p);
    expect(form.specialties).toBe('劳动争议、婚姻家庭');
    expect(profileProblems(form)).toEqual([]);
    expect(profileBody(form)).toEqual({
      name: p.name,
      kind: p.kind,
      firm: p.firm,
      specialties: p.specialties,
      serviceTypes: p.serviceTypes,
      modes: p.modes,
      languages: p.languages,
      intro: p.intro,
      photoFileId: 42,
      accountId: 31,
      active: true,
      address: p.address,
      location: p.location,
    });
  });

  it('sends no address or map point when they are left empty, and 普通话 when no language is given', () => {
    const form = profileFromProvider(provider({ address: null, location: null, accountId: null, photoFileId: null }));
    form.languages = ' ';
    const body = profileBody(form);
    expect(body).toMatchObject({
      address: null,
      location: null,
      accountId: null,
      photoFileId: null,
      languages: ['普通话'],
    });
  });

  it('splits typed lists on commas, 、 and spaces, each word once', () => {
    expect(splitWords(' 劳动争议，婚姻家庭、工伤 劳动争议;; ')).toEqual(['劳动争议', '婚姻家庭', '工伤']);
    expect(splitWords('')).toEqual([]);
  });

  it('finds what the server would refuse', () => {
    expect(profileProblems(emptyProfile())).toEqual(['姓名 2–32 个字', '所属机构 2–64 个字']);
    const f = { ...profileFromProvider(provider()), serviceTypes: [], modes: [] };
    expect(profileProblems(f)).toEqual(['至少选择一项服务', '至少选择一种服务方式']);
    expect(
      profileProblems({ ...profileFromProvider(provider()), specialties: '一二三四五六七八九十一二三四五六七' }),
    ).toEqual(['每项擅长领域不超过 16 个字']);
    expect(profileProblems({ ...profileFromProvider(provider()), address: '上海' })).toEqual(['接待地址 4–128 个字']);
    expect(profileProblems({ ...profileFromProvider(provider()), longitude: '' })).toEqual([
      '地图位置须同时填写纬度和经度',
    ]);
    expect(profileProblems({ ...profileFromProvider(provider()), latitude: '91', longitude: 'east' })).toEqual([
      '纬度须为 -90 到 90 之间的数',
      '经度须为 -180 到 180 之间的数',
    ]);
  });
});
