/**
 * What deleting an account removes and what it keeps, as the holder reads it before confirming.
 * `PrivacyService.deleteAccount` does exactly this; a change to one is a change to the other.
 */
export const DELETION_REMOVES: readonly string[] = [
  '您的姓名、身份证号码和手机号码（加密保存的号码和用来查找它的索引一起删除）',
  '您上传的证件照片、证明材料，以及在客服对话中发送的图片',
  '在线咨询和客服对话的文字内容',
  '消息通知和订阅消息设置',
  '法律咨询预约中您写的问题说明、评价留言和律师的记录',
  '您投诉商户时写的内容',
  '诉求和代办中您写的内容、联系时间和评价留言',
  '身份信息变更申请中的新旧身份信息和说明',
  '申领表上的邮寄地址',
  '登录状态：所有手机上立即退出；账号与您的微信解除关联，以后再用微信打开是一个全新的账号',
];

export interface KeptRecord {
  what: string;
  why: string;
  until: string;
}

/** Kept, but no longer linked to any login or anything else that names the person. */
export const DELETION_KEEPS: readonly KeptRecord[] = [
  {
    what: '已发放的优待证登记：卡号、卡上姓名、类别，发放、挂失和作废记录',
    why: '优待证是退役军人事务部门发放的证件，发放登记属于公务档案，用来核查证件真伪、防止冒领',
    until: '按档案管理规定的保管期限',
  },
  {
    what: '优待证申领的审核记录：审核结果、时间、经办的服务站，以及审核时核对过的姓名和身份证号码（加密保存）',
    why: '这是对您的申请作出审核决定的凭据，需要留档备查',
    until: '按档案管理规定的保管期限',
  },
  {
    what: '优惠使用记录：哪一天在哪家商户用了哪项优惠（不含您的姓名和电话）',
    why: '商户结算和统计优待政策落实情况需要',
    until: '按财务和统计规定的期限',
  },
  {
    what: '代金券订单：买了哪家商户的哪种代金券、金额、支付和退款记录',
    why: '这是交易的会计凭证，商户结算和对账需要',
    until: '按会计档案管理规定的期限',
  },
  {
    what: '法律咨询预约和商户投诉的时间、结果和评分（不含您写的内容）',
    why: '律师、商户服务情况的统计需要',
    until: '按相关工作规定的期限',
  },
  {
    what: '诉求和代办的类别、受理和办结时间、结果和评分（不含您写的内容）',
    why: '“受理一件、办结一件”的办理情况需要留档，并用于按时办结率和满意率的统计',
    until: '按相关工作规定的期限',
  },
  {
    what: '退役军人事务部门建档立卡的花名册信息和走访慰问记录',
    why: '这是部门依职责建立的服务对象档案，不是随账号产生的信息，注销账号不影响这份档案',
    until: '按档案管理规定的保管期限',
  },
  {
    what: '操作日志：什么时间做过什么操作（如提交申请、注销账号）',
    why: '《网络安全法》要求网络日志至少保存六个月，用于安全核查',
    until: '至少六个月',
  },
  {
    what: '您同意和撤回同意的记录',
    why: '证明我们处理您的信息之前取得了您的同意',
    until: '与上面的记录一同保存',
  },
];
