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
  messageRefused: appError(400, 'MESSAGE_REFUSED', '消息中含有不适宜发布的内容，未能发送，请修改后再试'),

  // Feedback on an answer
  feedbackGiven: appError(409, 'FEEDBACK_ALREADY_GIVEN', '您已经评价过这条回答了'),
  feedbackNotAsked: appError(409, 'FEEDBACK_NOT_ASKED', '只能评价服务助手的回答'),

  // Staff taking and answering conversations
  alreadyClaimed: appError(409, 'ALREADY_CLAIMED', '该对话已由其他工作人员接待'),
  agentLimitReached: appError(
    409,
    'AGENT_LIMIT_REACHED',
    (max: number) => `您正在接待的对话已达 ${max} 个，请先结束部分对话`,
  ),
  notClaimed: appError(409, 'CONVERSATION_NOT_CLAIMED', '请先接入该对话再回复'),

  // The holder's rating after a conversation with staff
  ratingGiven: appError(409, 'RATING_ALREADY_GIVEN', '您已经评价过本次服务了'),
  ratingNotAsked: appError(409, 'RATING_NOT_ASKED', '目前没有需要评价的服务'),
};
