/**
 * The consent text for sensitive personal information (个人信息保护法 art. 29: separate consent).
 * Any change to what is collected, why, for how long or who sees it is a new version: holders who
 * agreed to an older one are asked again before their identity is bound or changed.
 */
export const CONSENT_VERSION = '2026-11';

export interface ConsentItem {
  key: string;
  title: string;
  detail: string;
}

export const CONSENT_TEXT: { title: string; intro: string; items: ConsentItem[] } = {
  title: '敏感个人信息处理同意书',
  intro:
    '为给您办理退役军人优待证等服务，我们需要收集下面几项敏感个人信息。按照《个人信息保护法》，这些信息要经过您单独同意才能收集。' +
    '不同意也可以浏览优惠商户、使用在线咨询，但不能登记身份、申领优待证。' +
    '您随时可以在“我的”页面查看我们保存了您哪些信息，也可以注销账号。',
  items: [
    {
      key: 'identity',
      title: '姓名、身份证号码、手机号码',
      detail:
        '用途：确认是您本人，办理优待证，有事联系您。' +
        '谁能看到：负责审核的服务站和区退役军人事务局工作人员；商户店员只看到您的姓加星号（如“张*”）。' +
        '身份证号码和手机号码加密保存。保存到您注销账号为止，已发放证件的登记记录按档案规定保存。',
    },
    {
      key: 'veteran_status',
      title: '退役军人或优抚对象身份',
      detail:
        '用途：判断您能否申领优待证、能享受哪些优待。' + '谁能看到：负责审核的服务站和区局工作人员。保存期限同上。',
    },
    {
      key: 'photos',
      title: '证件照片',
      detail:
        '用途：制作优待证；您在商户使用优待时，店员核对是不是本人。' +
        '谁能看到：审核工作人员、制卡单位；店员只在扫码时看到，不能保存。注销账号时删除。',
    },
    {
      key: 'documents',
      title: '证明材料（如退伍证、优抚证明的照片）',
      detail: '用途：审核您的身份。谁能看到：只有负责审核的服务站和区局工作人员。注销账号时删除。',
    },
  ],
};

export const CONSENT_ITEM_KEYS = CONSENT_TEXT.items.map((i) => i.key);
