import type { Container } from '../container';
import type { Principal } from '../lib/principal';
import { shanghaiDate } from '../lib/working-days';
import { Account } from '../modules/auth/account.entity';
import { Employer } from '../modules/employment/employer.entity';

/** The demo employer's owner: the first demo merchant's owner (see demo-merchants.ts). */
const EMPLOYER_OWNER_OPENID = 'dev-shop1';
const DAY = 86_400_000;

const POSTINGS = [
  {
    title: '小区安保队长',
    category: '安保服务',
    salaryMin: 5500,
    salaryMax: 7000,
    district: '城关街道',
    address: '城关街道人民路 12 号幸福家园',
    headcount: 1,
    requirements: '45 岁以下，有带队经验，能适应倒班',
  },
  {
    title: '物业维修电工',
    category: '技术技工',
    salaryMin: 5000,
    salaryMax: 6500,
    district: '东湖街道',
    address: '东湖街道湖滨路 88 号',
    headcount: 2,
    requirements: '持低压电工证，有物业维修经验者优先',
  },
  {
    title: '班车驾驶员',
    category: '驾驶运输',
    salaryMin: 6000,
    salaryMax: 8000,
    district: '城关街道',
    address: '城关街道车站路 5 号',
    headcount: 3,
    requirements: 'A1 或 B1 驾照，三年以上安全驾驶记录',
  },
  {
    title: '仓库管理员',
    category: '物业后勤',
    salaryMin: 4200,
    salaryMax: 5200,
    district: '西山镇',
    address: '西山镇建设街 3 号物流园',
    headcount: 2,
    requirements: '会使用电脑，做事细心',
  },
  {
    title: '客服专员',
    category: '销售客服',
    salaryMin: 4000,
    salaryMax: 6000,
    district: '东湖街道',
    address: '东湖街道湖滨路 66 号',
    headcount: 4,
    requirements: '普通话标准，有耐心，会基本电脑操作',
  },
];

/**
 * 就业超市: an approved employer (杭州拥军安保服务有限公司, owned by `dev-shop1`) with five open
 * postings that prefer veterans, and a job fair a week ahead it takes part in. Made through the
 * employment services; idempotent (nothing when the owner already has an employer).
 */
export async function seedDemoEmployment(c: Container): Promise<void> {
  const em = c.db.manager;
  const owner = await em.findOneBy(Account, { openid: EMPLOYER_OWNER_OPENID });
  const district = await em.findOneBy(Account, { username: 'district' });
  if (!owner || !district || (await em.existsBy(Employer, { ownerAccountId: owner.id }))) return;
  const me: Principal = { accountId: owner.id, roles: ['holder'] };
  const staff: Principal = { accountId: district.id, roles: ['district_staff'] };
  const licence = await c.services.files.upload(me, 'document', {
    field: 'file',
    filename: 'licence.pdf',
    declaredMime: 'application/pdf',
    bytes: Buffer.from('%PDF-1.4\n演示营业执照\n%%EOF'),
  });
  const applied = await c.services.employers.apply(me, {
    companyName: '杭州拥军安保服务有限公司',
    creditCode: '91330102MA2H0Y1X8N',
    contactName: '周经理',
    contactPhone: '0571-8000-1234',
    address: '城关街道人民路 20 号',
    licenceFileId: licence.id,
  });
  await c.services.employers.review(staff, applied.employer.id, 'approve', undefined, 'demo');
  const now = c.clock.now();
  const validUntil = shanghaiDate(new Date(now.getTime() + 90 * DAY));
  for (const p of POSTINGS) {
    await c.services.postings.create(me, {
      ...p,
      veteranPreferred: true,
      veteranPreferenceText: '退役军人优先，服役年限可计入工龄',
      validUntil,
    });
  }
  await c.services.fairs.create(
    staff,
    {
      title: '退役军人专场招聘会',
      mode: 'onsite',
      fairDate: shanghaiDate(new Date(now.getTime() + 7 * DAY)),
      place: '示范区人力资源市场三楼大厅',
      link: null,
      description: '安保、物业、驾驶、客服等岗位，现场可投递简历、当面洽谈。',
      capacity: 200,
      employerIds: [applied.employer.id],
    },
    'demo',
  );
}
