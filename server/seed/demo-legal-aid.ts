import type { Container } from '../container';
import type { Principal } from '../lib/principal';
import { Account } from '../modules/auth/account.entity';
import type { ProviderInput, ScheduleInput } from '../modules/legal-aid/providers.service';

const WEEKDAYS = [1, 2, 3, 4, 5];

const PROVIDERS: Array<ProviderInput & { hours: Array<Omit<ScheduleInput, 'weekday'>>; linkDemoLawyer?: boolean }> = [
  {
    name: '王建华',
    kind: 'lawyer',
    firm: '浙江拥军律师事务所',
    specialties: ['劳动争议', '工伤赔偿', '社会保险'],
    serviceTypes: ['consultation', 'legal_aid'],
    modes: ['onsite', 'phone', 'video'],
    languages: ['普通话', '杭州话'],
    intro: '执业十八年，长期为退役军人提供法律援助，擅长劳动与社保纠纷。',
    linkDemoLawyer: true,
    hours: [
      {
        start: '09:00',
        end: '12:00',
        slotMinutes: 30,
        capacity: 1,
        serviceTypes: ['consultation', 'legal_aid'],
        modes: ['onsite', 'phone', 'video'],
      },
      {
        start: '14:00',
        end: '17:00',
        slotMinutes: 30,
        capacity: 1,
        serviceTypes: ['consultation'],
        modes: ['phone', 'video'],
      },
    ],
  },
  {
    name: '李晓梅',
    kind: 'lawyer',
    firm: '钱塘法律援助中心',
    specialties: ['婚姻家庭', '继承', '房产纠纷'],
    serviceTypes: ['consultation', 'legal_aid'],
    modes: ['onsite', 'phone'],
    languages: ['普通话'],
    intro: '军属出身，熟悉军人婚姻与家庭事务的法律保护。',
    hours: [
      {
        start: '09:00',
        end: '11:30',
        slotMinutes: 30,
        capacity: 1,
        serviceTypes: ['consultation', 'legal_aid'],
        modes: ['onsite', 'phone'],
      },
    ],
  },
  {
    name: '陈国强',
    kind: 'mediator',
    firm: '上城区人民调解委员会',
    specialties: ['邻里纠纷', '物业纠纷', '消费纠纷'],
    serviceTypes: ['mediation'],
    modes: ['onsite'],
    languages: ['普通话', '杭州话'],
    intro: '退役军人调解员，调解成功案件三百余件。',
    hours: [
      { start: '14:00', end: '17:00', slotMinutes: 60, capacity: 1, serviceTypes: ['mediation'], modes: ['onsite'] },
    ],
  },
  {
    name: '周静',
    kind: 'counsellor',
    firm: '区退役军人服务中心心理服务室',
    specialties: ['适应障碍', '家庭关系', '情绪疏导'],
    serviceTypes: ['counselling'],
    modes: ['onsite', 'video'],
    languages: ['普通话'],
    intro: '国家二级心理咨询师，专注退役军人回归社会的心理适应。',
    hours: [
      {
        start: '09:30',
        end: '16:30',
        slotMinutes: 60,
        capacity: 2,
        serviceTypes: ['counselling'],
        modes: ['onsite', 'video'],
      },
    ],
  },
];

/** A handful of providers with weekday hours, so `npm start` shows bookable times. */
export async function seedDemoLegalAid(c: Container): Promise<void> {
  const district = await c.db.manager.findOneByOrFail(Account, { username: 'district' });
  const lawyer = await c.db.manager.findOneBy(Account, { username: 'lawyer' });
  const staff: Principal = { accountId: district.id, roles: ['district_staff'] };
  for (const p of PROVIDERS) {
    const { hours, linkDemoLawyer, ...profile } = p;
    const saved = await c.services.providers.save(
      staff,
      { ...profile, accountId: linkDemoLawyer && lawyer ? lawyer.id : null },
      undefined,
      'demo',
    );
    const schedules = WEEKDAYS.flatMap((weekday) => hours.map((h) => ({ ...h, weekday })));
    await c.services.providers.replaceSchedule(staff, saved.id, schedules, 'demo');
  }
}
