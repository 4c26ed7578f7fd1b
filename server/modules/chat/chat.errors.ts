import { appError } from '../../lib/error-catalogue';

/**
 * Every error the conversation answers with beyond the common family (400/401/403/404/429): its
 * code, status and message, in one place. Routes list these codes in their `errors`.
 */
export const ChatErrors = {
  // What the holder may send
  messageEmpty: appError(400, 'MESSAGE_EMPTY', '请输入要发送的内容'),
  messageTooLong: appError(400, 'MESSAGE_TOO_LONG', (max: number) => `每条消息最多 ${max} 个字，请分几次发送`),
  messageCharacters: appError(400, 'MESSAGE_INVALID_CHARACTERS', '消息里有无法显示的控制字符，请删除后再发送'),
  unknownAction: appError(400, 'UNKNOWN_ACTION', '这个选项已失效，请直接输入您的问题'),

  // Feedback on an answer
  feedbackGiven: appError(409, 'FEEDBACK_ALREADY_GIVEN', '您已经评价过这条回答了'),
  feedbackNotAsked: appError(409, 'FEEDBACK_NOT_ASKED', '只能评价服务助手的回答'),
};
