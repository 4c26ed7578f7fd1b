/** Reasons the desk gives most when it cancels; the holder reads them in the notice. */
export const CANCEL_PRESETS = [
  '服务人员临时有事，无法按时提供服务',
  '服务人员当天休息',
  '服务场地临时无法使用',
  '预约信息有误，请重新预约',
];
