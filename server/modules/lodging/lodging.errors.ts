import { appError } from '../../lib/error-catalogue';

/**
 * Every error the lodging module (军人驿站) answers with beyond the common family (400/401/403/404)
 * and 409 INVALID_TRANSITION: its code, status and message, in one place.
 */
export const LodgingErrors = {
  full: appError(409, 'LODGING_FULL', '该晚的免费房间已订满，请选择其他日期或其他驿站'),
  closed: appError(409, 'LODGING_CLOSED', '该驿站当晚不提供免费房间，请选择其他日期或其他驿站'),
  alreadyBooked: appError(409, 'ALREADY_BOOKED', '您已预订了这一晚，每人每晚只能预订一间'),
  tooMany: appError(409, 'LIMIT_REACHED', (max: number) => `最多同时保留 ${max} 个未入住的预订，请先入住或取消`),
  blocked: appError(
    409,
    'LODGING_BLOCKED',
    (until: string) => `您近 90 天内有 2 次预订未入住，${until} 前不能预订军人驿站`,
  ),
  cancelTooLate: appError(409, 'CANCEL_TOO_LATE', '入住当晚 18:00 后不能在线取消，如需取消请联系驿站'),
  tooEarly: appError(409, 'TOO_EARLY', (what: string) => what),
  checkInClosed: appError(409, 'LODGING_CHECK_IN_CLOSED', '已过入住确认时间（次日中午 12:00），请标记为未入住'),
  hotelExists: appError(409, 'LODGING_HOTEL_EXISTS', '该商户已是军人驿站'),
  merchantInactive: appError(409, 'MERCHANT_INACTIVE', '该商户未在营业，不能设为军人驿站'),
  proofNotPending: appError(409, 'INVALID_TRANSITION', '该预订没有待审核的证明材料'),
  proofNotAttachable: appError(400, 'FILE_NOT_ATTACHABLE', () => ({
    message: '证明材料须为您本人上传的文件（用途 document）',
    details: [{ field: 'proofFileId', message: '证明材料须为您本人上传的文件（用途 document）' }],
  })),
};
