import { config } from '../config';
import type { ApiBody, ApiItem, ApiQuery, ApiResult } from './api-types';
import { request } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/** The templates a subscription can be asked for (their ids are in config.templateIds). */
export type TemplateKey =
  | 'application_status'
  | 'appointment_reminder'
  | 'chat_reply'
  | 'service_notice'
  | 'voucher_paid'
  | 'voucher_redeemed'
  | 'voucher_refunded';

/** One notice of the holder's timeline. */
export type TimelineItem = ApiItem<'/api/v1/me/timeline'>;
export type Timeline = ApiResult<'/api/v1/me/timeline'>;
export type TimelineQuery = ApiQuery<'/api/v1/me/timeline'>;

type SubscribeResults = ApiBody<'/api/v1/me/subscriptions', 'post'>['results'];
type Grants = ApiResult<'/api/v1/me/subscriptions', 'post'>['grants'];

/** The holder's notices, newest first; `after` keeps only those newer than an id already shown. */
export function timeline(opts: TimelineQuery = {}): Promise<Timeline> {
  const q: string[] = [];
  if (opts.after !== undefined) q.push(`after=${opts.after}`);
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<Timeline>(`/api/v1/me/timeline${q.length ? `?${q.join('&')}` : ''}`);
}

/**
 * Asks the person to allow one message of each template (wx.requestSubscribeMessage, at a moment
 * that matters: after applying, after booking, when asking for a person), then tells the server
 * what they chose, by template key. Templates without a configured id are skipped. Never throws:
 * a refusal or a failure here must not spoil the action it follows; the timeline has every notice
 * anyway. WeChat shows the prompt only when this is called from a tap, before the handler awaits.
 */
export function askSubscribe(keys: TemplateKey[]): Promise<Grants | null> {
  const wanted = keys.filter((k) => config.templateIds[k]);
  if (wanted.length === 0) return Promise.resolve(null);
  const byId: Record<string, TemplateKey> = {};
  for (const k of wanted) byId[config.templateIds[k]] = k;
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: wanted.map((k) => config.templateIds[k]),
      success: (res: WechatMiniprogram.IAnyObject) => {
        const results: SubscribeResults = {};
        for (const [id, key] of Object.entries(byId)) {
          const answer = res[id];
          if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter')
            results[key] = answer;
        }
        if (Object.keys(results).length === 0) return resolve(null);
        request<ApiResult<'/api/v1/me/subscriptions', 'post'>>('/api/v1/me/subscriptions', {
          method: 'POST',
          data: { results },
        })
          .then((r) => resolve(r.grants))
          .catch(() => resolve(null));
      },
      fail: () => resolve(null),
    });
  });
}
