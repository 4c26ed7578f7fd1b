import { z } from 'zod';
import { route, type ErrorFormat } from '../../http/route';
import type { CsInboundService } from './cs-inbound.service';

const PATH = '/api/v1/wechat/customer-service';

/** WeChat adds these to the push URL; unknown ones (it adds more over time) are let through. */
const pushQuery = z.object({
  signature: z.string().optional(),
  timestamp: z.string().optional(),
  nonce: z.string().optional(),
  echostr: z.string().optional(),
  msg_signature: z.string().optional(),
  encrypt_type: z.string().optional(),
  openid: z.string().optional(),
});

/**
 * WeChat reads these answers as text: `success`, the echo, or anything else as a failure (it then
 * retries). Errors are answered in plain text with their status, never a JSON body it would
 * mistake for a reply to the holder.
 */
const plainText: ErrorFormat = {
  schema: z.string(),
  format: (err) => ({
    status: err.status,
    body: err.status === 401 ? 'unauthorized' : err.status >= 500 ? 'error' : err.code.toLowerCase(),
    contentType: 'text/plain',
  }),
};

/**
 * The push URL of WeChat's customer-service chat (客服消息), set in the mini-program console's
 * 消息推送 with the JSON data format. Public (WeChat signs instead of logging in); registered only
 * when WECHAT_CS_TOKEN is set.
 */
export const csRoutes = (inbound: CsInboundService) => [
  route({
    method: 'get',
    path: PATH,
    tag: 'wechat',
    summary: 'WeChat’s check of the customer-service push URL: answers `echostr` when the signature is right',
    access: 'public',
    query: pushQuery,
    errorFormat: plainText,
    responses: { 200: { description: 'The `echostr` WeChat sent', contentType: 'text/plain' } },
    errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED'],
    handler: async ({ query, ctx }) => {
      const echo = inbound.verifyUrl(query);
      ctx.type = 'text/plain';
      return { body: echo };
    },
  }),
  route({
    method: 'post',
    path: PATH,
    tag: 'wechat',
    summary:
      'A customer-service message push (plaintext or 安全模式), stored and acknowledged with `success`; processed after the answer',
    access: 'public',
    query: pushQuery,
    rawBody: true,
    errorFormat: plainText,
    responses: { 200: { description: '`success`: stored (or already stored, or skipped)', contentType: 'text/plain' } },
    errors: ['UNAUTHENTICATED', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE'],
    handler: async ({ query, rawBody, ctx }) => {
      const accepted = await inbound.accept(query, rawBody ?? Buffer.alloc(0));
      // The work happens after WeChat has its answer (it waits 5 s, then retries).
      inbound.processSoon(accepted);
      ctx.type = 'text/plain';
      return { body: 'success' };
    },
  }),
];
