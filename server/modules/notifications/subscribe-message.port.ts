/**
 * WeChat subscribe messages (subscribeMessage.send). The adapter owns the access token; callers
 * pass the recipient's openid, the template id and the values already cut to WeChat's limits.
 */
export interface SubscribeMessagePort {
  send(message: OutgoingSubscribeMessage): Promise<void>;
}

export interface OutgoingSubscribeMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/**
 * - `refused`: the user has no (or withdrew their) subscription (43101): final.
 * - `rejected`: WeChat refused the message itself (bad template id 40037, bad values 47003,
 *   bad page 41030, bad openid 40003): final, and a configuration problem for staff to see.
 * - `transient`: network, 5xx, busy, rate limits, a token that would not refresh: retry later.
 */
export type SendFailure = 'refused' | 'rejected' | 'transient';

export class SubscribeSendError extends Error {
  constructor(
    readonly kind: SendFailure,
    readonly errcode?: number,
    detail?: string,
  ) {
    super(
      `subscribe message ${kind}${errcode !== undefined ? ` (errcode ${errcode})` : ''}${detail ? `: ${detail}` : ''}`,
    );
    this.name = 'SubscribeSendError';
  }
}
