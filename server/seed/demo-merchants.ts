import type { Container } from '../container';
import type { Principal } from '../lib/principal';
import { Account } from '../modules/auth/account.entity';
import { insertAccount } from '../modules/auth/accounts.service';
import { MerchantCategory } from '../modules/merchants/merchant-category.entity';
import { DEMO_LOGINS } from './demo-credentials';

/** The demo district centre (杭州市上城区 area), GCJ-02. */
export const DEMO_CENTRE = { lat: 30.2741, lng: 120.1551 };

const SHOPS: Array<[string, string, string, string]> = [
  ['老兵面馆', '食', '退役军人专享 8 折', '8 折'],
  ['军嫂超市', '购物', '满 100 减 15', '满减'],
  ['八一理发店', '生活服务', '理发 5 折', '5 折'],
  ['戎装服饰', '衣', '全场 9 折', '9 折'],
  ['拥军酒店', '住', '住宿 7 折，免费早餐', '7 折'],
  ['双拥出租车队', '行', '每单立减 5 元', '减 5 元'],
  ['红色记忆纪念馆', '文旅', '门票免费', '免费'],
  ['军旅影城', '娱乐', '观影 6 折', '6 折'],
  ['康宁口腔诊所', '医疗健康', '洁牙免费一次', '免费'],
  ['长城培训学校', '教育培训', '学费 85 折', '85 折'],
  ['拥军银行网点', '金融', '免收转账手续费', '免费'],
  ['兵哥烧烤', '食', '啤酒免费畅饮一扎', '赠饮'],
  ['迷彩户外用品', '购物', '8.5 折', '85 折'],
  ['钢枪健身房', '娱乐', '月卡 7 折', '7 折'],
  ['橄榄绿茶社', '食', '茶水免费', '免费'],
  ['老战友汽修', '行', '工时费 8 折', '8 折'],
  ['英雄书店', '文旅', '图书 9 折', '9 折'],
  ['仁心中医馆', '医疗健康', '挂号费全免', '免费'],
  ['迎宾宾馆', '住', '标间 8 折', '8 折'],
  ['军营快餐', '食', '套餐立减 3 元', '减 3 元'],
  ['光荣眼镜店', '购物', '配镜 7 折', '7 折'],
  ['向阳洗衣房', '生活服务', '洗衣 8 折', '8 折'],
  ['红星电影院', '娱乐', '周二半价', '5 折'],
  ['拥军停车场', '行', '免费停车 2 小时', '免费'],
  ['老兵驾校', '教育培训', '报名立减 500 元', '减 500'],
  ['国防教育基地', '文旅', '讲解免费', '免费'],
  ['戎马药房', '医疗健康', '常用药 9 折', '9 折'],
  ['铁军羊肉馆', '食', '退役军人 9 折', '9 折'],
  ['军民鞋店', '衣', '满 200 减 40', '满减'],
  ['拥军保险服务', '金融', '咨询免费', '免费'],
];

/** Deterministic scatter within about 3 km of the centre, so the demo looks the same every time. */
function position(i: number): { lat: number; lng: number } {
  const angle = (i * 137.508 * Math.PI) / 180;
  const r = 0.004 + 0.024 * Math.sqrt((i + 1) / SHOPS.length);
  return { lat: DEMO_CENTRE.lat + r * Math.sin(angle), lng: DEMO_CENTRE.lng + r * Math.cos(angle) * 1.15 };
}

/**
 * About thirty merchants around the demo centre, each joined and approved through the real
 * services with one offer; the first has a clerk (`clerk1` / `demo-clerk-2026`). Owners log in
 * with `dev-shop1` … `dev-shop30`.
 */
export async function seedDemoMerchants(c: Container): Promise<void> {
  const em = c.db.manager;
  const categories = new Map((await em.find(MerchantCategory)).map((k) => [k.name, k.id]));
  const district = await em.findOneByOrFail(Account, { username: 'district' });
  const staff: Principal = { accountId: district.id, roles: ['district_staff'] };
  const now = c.clock.now();
  for (const [i, [name, category, title, discountText]] of SHOPS.entries()) {
    const owner = await c.db.transaction((tx) =>
      insertAccount(tx, { openid: `dev-shop${i + 1}`, displayName: name, roles: ['holder'] }, now),
    );
    const applicant: Principal = { accountId: owner.id, roles: ['holder'] };
    const { lat, lng } = position(i);
    const merchant = await c.services.merchants.apply(applicant, {
      name,
      licenseNo: `91330102MA${String(2800000 + i).padStart(7, '0')}X`.slice(0, 18),
      categoryId: categories.get(category) ?? categories.get('生活服务')!,
      address: `杭州市上城区拥军路 ${i * 7 + 1} 号`,
      lat,
      lng,
      contactPhone: `0571-8${String(6000000 + i * 131).slice(0, 7)}`,
      intro: `${name}是拥军优待联盟成员，欢迎退役军人和优抚对象持优待证前来。`,
    });
    await c.services.merchants.review(staff, merchant.id, 'approve', undefined, 'demo');
    const asOwner: Principal = { accountId: owner.id, roles: ['holder', 'merchant_owner'] };
    await c.services.offers.create(asOwner, {
      title,
      description: '凭优待证电子证二维码享受，店员扫码核验。',
      kind: 'discount',
      discountText,
      perPersonDailyLimit: 1,
    });
    if (i === 0) {
      await c.services.offers.create(asOwner, {
        title: '50 元代金券',
        description: '到店消费抵 50 元',
        kind: 'voucher',
        discountText: '40 元买 50 元',
        priceFen: 4000,
        faceValueFen: 5000,
        stockTotal: 200,
        perPersonDailyLimit: 6,
      });
      await c.services.merchants.addClerk(asOwner, { ...DEMO_LOGINS.clerk, displayName: '老兵面馆收银员' }, 'demo');
    }
  }
}
