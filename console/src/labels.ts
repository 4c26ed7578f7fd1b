/** Chinese names of the server's enums, as the bureau says them. */
export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '待初审',
  station_approved: '待复审',
  approved: '待制卡',
  in_production: '制卡中',
  card_ready: '待领取',
  issued: '已发放',
  needs_info: '待补充',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const CATEGORY_LABELS: Record<string, string> = {
  veteran: '退役军人',
  martyr_family: '烈士遗属',
  duty_death_family: '因公牺牲军人遗属',
  illness_death_family: '病故军人遗属',
};

export const KIND_LABELS: Record<string, string> = { new: '新办', reissue: '补领', exchange: '换领' };

export const ACTOR_LABELS: Record<string, string> = {
  holder: '申请人',
  station: '服务站',
  district: '区局',
  system: '系统',
};

export const ACTION_LABELS: Record<string, string> = {
  create: '创建申请',
  submit: '提交申请',
  resubmit: '补充后重新提交',
  withdraw: '撤回',
  station_approve: '服务站初审通过',
  station_reject: '服务站不予通过',
  station_request_info: '服务站退回补充',
  district_approve: '区局审核通过',
  district_reject: '区局不予通过',
  district_request_info: '区局退回补充',
  send_to_production: '送交制卡',
  mark_card_ready: '卡片已到',
  issue: '发放',
  expire: '逾期未补充，自动撤回',
};

export const DECLARATION_LABELS: Record<string, string> = {
  expelled: '被开除军籍',
  deprivedOfPoliticalRights: '被剥夺政治权利',
  servingSentence: '正在服刑',
  wanted: '被通缉',
  priorCriminalPunishment: '曾受刑事处罚',
};

export const ROLE_LABELS: Record<string, string> = {
  admin: '系统管理员',
  district_staff: '区局工作人员',
  station_staff: '服务站工作人员',
  errand_runner: '代办员',
  lawyer: '律师',
  merchant_owner: '商户',
  merchant_clerk: '商户店员',
  holder: '持证人',
};

export const label = (table: Record<string, string>, key: string | null | undefined): string =>
  key ? (table[key] ?? key) : '';

/** The roster's life-cycle stages (建档立卡). */
export const STAGE_LABELS: Record<string, string> = {
  enlisted: '入伍',
  serving: '服役',
  retired: '退役',
  employed: '就业',
  privileged: '优待',
};

/** The kinds of 走访慰问. */
export const VISIT_KIND_LABELS: Record<string, string> = {
  home_visit: '入户走访',
  holiday_condolence: '节日慰问',
  hardship_condolence: '困难慰问',
  phone: '电话回访',
  other: '其他',
};
