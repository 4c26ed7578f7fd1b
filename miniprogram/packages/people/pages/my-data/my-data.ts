import { APPLICATION_STATUS_WORDS, CARD_STATUS_WORDS, KIND_WORDS } from '../../../../services/cards';
import { CHANGE_STATUS_LABELS, categoryLabel } from '../../../../services/people';
import { getMyData, type MyData } from '../../../../services/privacy';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate, formatDateTime } from '../../../../utils/format';

const word = (map: Record<string, string>, key: string) => map[key] || key;
const fromWords = (map: Record<string, { label: string }>, key: string) => (map[key] ? map[key].label : key);

const SERVICE_WORDS: Record<string, string> = {
  consultation: '法律咨询',
  legal_aid: '法律援助',
  mediation: '人民调解',
  counselling: '心理疏导',
};
const APPOINTMENT_WORDS: Record<string, string> = {
  booked: '已预约',
  checked_in: '已签到',
  completed: '已完成',
  cancelled: '已取消',
  no_show: '未到场',
};
const WAITLIST_WORDS: Record<string, string> = {
  waiting: '候补中',
  offered: '有空位待确认',
  accepted: '已约上',
  expired: '已过期',
  left: '已退出',
  cancelled: '已取消',
};
const COMPLAINT_WORDS: Record<string, string> = { open: '处理中', upheld: '投诉成立', dismissed: '未成立' };
const FILE_WORDS: Record<string, string> = {
  card_photo: '证件照片',
  document: '证明材料',
  chat_image: '客服对话中的图片',
  profile_photo: '头像照片',
};
const CONSENT_ACTION_WORDS: Record<string, string> = { agree: '同意', withdraw: '撤回同意' };
const ORDER_WORDS: Record<string, string> = {
  created: '待支付',
  paid: '已支付',
  redeemed: '已用完',
  refunding: '退款中',
  refunded: '已退款',
  closed: '已关闭',
};
const APPEAL_KIND_WORDS: Record<string, string> = { appeal: '诉求', errand: '代办' };
const APPEAL_WORDS: Record<string, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  confirmed: '已确认',
  rejected: '未予受理',
};
const BOOKING_WORDS: Record<string, string> = {
  booked: '已预订',
  checked_in: '已入住',
  no_show: '未入住',
  cancelled: '已取消',
};
const JOB_WORDS: Record<string, string> = {
  submitted: '已投递',
  viewed: '单位已查看',
  interview: '邀请面试',
  hired: '已录用',
  declined: '未录用',
  withdrawn: '已撤回',
};
const LINK_WORDS: Record<string, string> = {
  invited: '邀请中',
  active: '生效中',
  revoked: '已撤销',
  expired: '已过期',
};
const SERVICE_GRANT_WORDS: Record<string, string> = {
  card: '优待证',
  appeals: '诉求和代办',
  legal_aid: '法律咨询预约',
};

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** One line of a section: what it is, and a second line of details. */
interface Line {
  key: string;
  /** Set for a number shown after its name: the number is kept on one line. */
  label?: string;
  main: string;
  sub: string;
}

interface Section {
  key: string;
  title: string;
  /** Said when the section has no lines. */
  empty: string;
  summary: string;
  lines: Line[];
}

/** The server's summary as sections an older reader can go through one by one. */
function toSections(d: MyData): Section[] {
  const id = d.identity;
  return [
    {
      key: 'identity',
      title: '身份信息',
      empty: '还没有登记',
      summary: '',
      lines: id
        ? [
            { key: 'name', main: `姓名：${id.name}`, sub: `身份类别：${categoryLabel(id.category)}` },
            { key: 'id', label: '身份证号码', main: id.idNumberMasked, sub: '加密保存，这里只显示后四位' },
            {
              key: 'phone',
              label: '手机号码',
              main: id.phoneMasked,
              sub: id.verified ? '已由服务站核验' : '待服务站核验',
            },
          ]
        : [],
    },
    {
      key: 'consents',
      title: '同意记录',
      empty: '还没有同意过',
      summary: '',
      lines: d.consents.map((c, i) => ({
        key: String(i),
        main: `${word(CONSENT_ACTION_WORDS, c.action)}《敏感个人信息处理同意书》`,
        sub: `${c.version} 版 · ${formatDateTime(c.at)}`,
      })),
    },
    {
      key: 'applications',
      title: '优待证申请',
      empty: '没有申请',
      summary: '',
      lines: d.applications.map((a) => ({
        key: String(a.id),
        main: `${word(KIND_WORDS as Record<string, string>, a.kind)} · ${fromWords(APPLICATION_STATUS_WORDS, a.status)}`,
        sub: `${formatDate(a.createdAt)} 填写${a.hasAddress ? ' · 含邮寄地址' : ''}，含照片和证明材料`,
      })),
    },
    {
      key: 'cards',
      title: '优待证',
      empty: '没有',
      summary: '',
      lines: d.cards.map((c) => ({
        key: c.cardNumber,
        label: '卡号',
        main: c.cardNumber,
        sub: `${fromWords(CARD_STATUS_WORDS, c.status)} · ${formatDate(c.issuedAt)} 发放`,
      })),
    },
    {
      key: 'changes',
      title: '身份信息变更申请',
      empty: '没有',
      summary: '',
      lines: d.identityChanges.map((c) => ({
        key: String(c.id),
        main: word(CHANGE_STATUS_LABELS as Record<string, string>, c.status),
        sub: `${formatDate(c.createdAt)} 提交`,
      })),
    },
    {
      key: 'appointments',
      title: '法律服务预约',
      empty: '没有',
      summary: '',
      lines: [
        ...d.appointments.map((a) => ({
          key: `a${a.id}`,
          main: `${word(SERVICE_WORDS, a.serviceType)} · ${word(APPOINTMENT_WORDS, a.status)}`,
          sub: formatDateTime(a.startsAt),
        })),
        ...d.waitlist.map((w) => ({
          key: `w${w.id}`,
          main: `${word(SERVICE_WORDS, w.serviceType)}候补 · ${word(WAITLIST_WORDS, w.status)}`,
          sub: `${formatDate(w.createdAt)} 登记`,
        })),
      ],
    },
    {
      key: 'redemptions',
      title: '优惠使用记录',
      empty: '还没有用过',
      summary: d.redemptions.total
        ? `共 ${d.redemptions.total} 次${d.redemptions.total > d.redemptions.latest.length ? `，下面是最近 ${d.redemptions.latest.length} 次` : ''}`
        : '',
      lines: d.redemptions.latest.map((r, i) => ({
        key: String(i),
        main: r.merchantName,
        sub: `${r.offerTitle} · ${r.day}`,
      })),
    },
    {
      key: 'complaints',
      title: '对商户的投诉',
      empty: '没有',
      summary: '',
      lines: d.complaints.map((c) => ({
        key: String(c.id),
        main: c.merchantName,
        sub: `${word(COMPLAINT_WORDS, c.status)} · ${formatDate(c.createdAt)}`,
      })),
    },
    {
      key: 'vouchers',
      title: '代金券订单',
      empty: '没有',
      summary: '',
      lines: (d.voucherOrders ?? []).map((o) => ({
        key: String(o.id),
        main: `${o.title} × ${o.quantity}`,
        sub: `${word(ORDER_WORDS, o.status)} · ${(o.amountFen / 100).toFixed(2)} 元 · ${formatDate(o.createdAt)}`,
      })),
    },
    {
      key: 'appeals',
      title: '诉求和代办',
      empty: '没有',
      summary: '',
      lines: (d.appeals ?? []).map((a) => ({
        key: String(a.id),
        main: `${word(APPEAL_KIND_WORDS, a.kind)} · ${a.category} · ${word(APPEAL_WORDS, a.status)}`,
        sub: `${formatDate(a.createdAt)} 提交${a.rating ? ` · 您评了 ${a.rating} 星` : ''}`,
      })),
    },
    {
      key: 'lodging',
      title: '军人驿站预订',
      empty: '没有',
      summary: '',
      lines: (d.lodgingBookings ?? []).map((b) => ({
        key: String(b.id),
        main: `${b.hotelName} · ${b.night}`,
        sub: `${word(BOOKING_WORDS, b.status)} · 入住人 ${b.guestName}，手机尾号 ${b.phoneLast4}`,
      })),
    },
    {
      key: 'employment',
      title: '就业超市',
      empty: '没有',
      summary: '',
      lines: d.employment
        ? [
            ...(d.employment.profile
              ? [
                  {
                    key: 'profile',
                    main: `求职信息：${d.employment.profile.name}，手机尾号 ${d.employment.profile.phoneLast4}`,
                    sub: `${formatDate(d.employment.profile.updatedAt)} 更新`,
                  },
                ]
              : []),
            ...d.employment.applications.map((a) => ({
              key: `a${a.id}`,
              main: `投递：${a.postingTitle}`,
              sub: `${word(JOB_WORDS, a.status)} · ${formatDate(a.createdAt)}`,
            })),
            ...d.employment.savedPostings.map((s, i) => ({
              key: `s${i}`,
              main: `收藏：${s.postingTitle}`,
              sub: formatDate(s.savedAt),
            })),
            ...d.employment.fairSignups.map((f, i) => ({
              key: `f${i}`,
              main: `招聘会：${f.fairTitle}`,
              sub: `${f.attended ? '已到场' : '已报名'} · ${formatDate(f.createdAt)}`,
            })),
          ]
        : [],
    },
    {
      key: 'proxies',
      title: '家属代办',
      empty: '没有',
      summary: (d.proxyActions ?? []).length ? `代办记录 ${(d.proxyActions ?? []).length} 条` : '',
      lines: (d.proxyLinks ?? []).map((l) => ({
        key: String(l.id),
        main: `${l.side === 'holder' ? '家人为您代办' : '您为家人代办'}（${l.relation}） · ${word(LINK_WORDS, l.status)}`,
        sub: `可以办理：${l.services.map((s) => word(SERVICE_GRANT_WORDS, s)).join('、')} · ${formatDate(l.createdAt)}`,
      })),
    },
    {
      key: 'chat',
      title: '在线咨询',
      empty: '没有咨询过',
      summary: '',
      lines: d.conversations.count
        ? [
            {
              key: 'chat',
              main: d.conversations.messagesWritten
                ? `您发过 ${d.conversations.messagesWritten} 条消息`
                : '您还没有发过消息',
              sub: '对话和回复都在“在线咨询”里，可以随时翻看',
            },
          ]
        : [],
    },
    {
      key: 'files',
      title: '上传的照片和材料',
      empty: '没有',
      summary: '',
      lines: d.files.map((f) => ({
        key: String(f.id),
        main: word(FILE_WORDS, f.purpose),
        sub: `${size(f.size)} · ${formatDate(f.createdAt)} 上传`,
      })),
    },
    {
      key: 'notices',
      title: '消息通知',
      empty: '没有',
      summary: d.notices.total
        ? `共 ${d.notices.total} 条${d.notices.subscriptions ? `；还能给您发 ${d.notices.subscriptions} 次微信提醒` : ''}`
        : '',
      lines: d.notices.latest.map((n, i) => ({ key: String(i), main: n.title, sub: formatDateTime(n.createdAt) })),
    },
  ];
}

/**
 * 我的信息: everything the system keeps about the holder, section by section, in plain words. ID and
 * phone numbers stay masked; files are listed by what they are, their size and date.
 */
Component({
  data: {
    rootFontSize: '',
    loading: true,
    loadError: '',
    accountSince: '',
    lastLogin: '',
    sections: [] as Section[],
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: this.data.sections.length === 0, loadError: '' });
      try {
        const d = await getMyData();
        this.setData({
          loading: false,
          accountSince: formatDate(d.account.createdAt),
          lastLogin: d.account.lastLoginAt ? formatDateTime(d.account.lastLoginAt) : '',
          sections: toSections(d),
        });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    openDeletion(): void {
      wx.navigateTo({ url: '/packages/people/pages/delete-account/delete-account' });
    },
  },
});
