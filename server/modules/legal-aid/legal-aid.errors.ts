import { appError } from '../../lib/error-catalogue';

const PHOTO_NOT_ATTACHABLE = '照片须为您或该服务人员本人上传的头像照片（用途 profile_photo）';

/**
 * Every error the legal-aid module answers with beyond the common family (400/401/403/404): its
 * code, status and message, in one place. Routes list these codes in their `errors`.
 */
export const LegalAidErrors = {
  // Booking and the waitlist
  slotFull: appError(409, 'SLOT_FULL', '该时段已约满，可以加入候补'),
  slotCancelled: appError(409, 'SLOT_CANCELLED', '该时段已取消，请选择其他时间'),
  slotInPast: appError(409, 'SLOT_IN_PAST', '该时段已过，请选择其他时间'),
  alreadyBooked: appError(409, 'ALREADY_BOOKED', '您已预约该时段'),
  tooManyAppointments: appError(409, 'TOO_MANY_APPOINTMENTS', (max: number) => `最多同时保留 ${max} 个未来的预约`),
  cancelTooLate: appError(409, 'CANCEL_TOO_LATE', '距开始不足 2 小时，如需取消请联系服务窗口'),
  slotAvailable: appError(409, 'SLOT_AVAILABLE', '该时段尚有空位，可以直接预约'),
  alreadyWaiting: appError(409, 'ALREADY_WAITING', '您已在该时段的候补名单中'),
  offerExpired: appError(409, 'OFFER_EXPIRED', '候补名额已失效'),
  notWaiting: appError(409, 'INVALID_TRANSITION', '已不在候补名单中'),
  notCompleted: appError(409, 'INVALID_TRANSITION', '服务完成后才能评价'),
  alreadyRated: appError(409, 'ALREADY_RATED', '已评价过'),

  // The desk: providers, their hours and serving
  accountLinked: appError(409, 'ACCOUNT_LINKED', '该账号已关联其他服务人员'),
  photoNotAttachable: appError(400, 'FILE_NOT_ATTACHABLE', () => ({
    message: PHOTO_NOT_ATTACHABLE,
    details: [{ field: 'photoFileId', message: PHOTO_NOT_ATTACHABLE }],
  })),
  dayOffExists: appError(409, 'DAY_OFF_EXISTS', '该日已设为休息日'),
  dayOffPast: appError(409, 'DAY_OFF_PAST', '已过去的休息日不能取消'),
  noShowTooEarly: appError(409, 'TOO_EARLY', '预约时间尚未开始，不能标记爽约'),
  checkInTooEarly: appError(409, 'TOO_EARLY', '预约当天才能签到'),
  slotAlreadyCancelled: appError(409, 'INVALID_TRANSITION', '该时段已取消'),
  notesOnCancelled: appError(409, 'INVALID_TRANSITION', '预约已取消，不能再写记录'),
  notVideo: appError(409, 'NOT_VIDEO', '只有视频服务的预约才需要会议链接'),
  meetingNotLive: appError(409, 'INVALID_TRANSITION', '预约已结束或已取消，不能再设置会议'),
};
