import { config } from '../config';
import { request } from './request';

export type TemplateKey = 'application_status' | 'appointment_reminder' | 'service_notice';

export interface TimelineItem {
  id: number;
  templateKey: string;
  title: string;
  body: string;
  page: string | null;
  at: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The holder's notices, newest first; `after` keeps only those newer than an id already shown. */
export function timeline(opts: { after?: number; cursor?: string; limit?: number } = {}): Promise<Page<TimelineItem>> {
  const q: string[] = [];
  if (opts.after !== undefined) q.push(`after=${opts.after}`);
  if (opts.cursor) q.push(`cursor=${encodeURIComponent(opts.cursor)}`);
  if (opts.limit) q.push(`limit=${opts.limit}`);
  return request<Page<TimelineItem>>(`/api/v1/me/timeline${q.length ? `?${q.join('&')}` : ''}`);
}

/**
 * Asks the person to allow one message of each template (wx.requestSubscribeMessage, at a moment
 * that matters: after applying, after booking), then tells the server what they chose, by template
 * key. Templates without a configured id are skipped. Never throws: a refusal or a failure here
 * must not spoil the action it follows; the timeline has every notice anyway.
 */
export function askSubscribe(keys: TemplateKey[]): Promise<Record<string, number> | null> {
  const wanted = keys.filter((k) => config.templateIds[k]);
  if (wanted.length === 0) return Promise.resolve(null);
  const byId: Record<string, TemplateKey> = {};
  for (const k of wanted) byId[config.templateIds[k]] = k;
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: wanted.map((k) => config.templateIds[k]),
      success: (res: WechatMiniprogram.IAnyObject) => {
        const results: Record<string, string> = {};
        for (const [id, key] of Object.entries(byId)) {
          const answer = res[id];
          if (answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter')
            results[key] = answer;
        }
        if (Object.keys(results).length === 0) return resolve(null);
        request<{ grants: Record<string, number> }>('/api/v1/me/subscriptions', { method: 'POST', data: { results } })
          .then((r) => resolve(r.grants))
          .catch(() => resolve(null));
      },
      fail: () => resolve(null),
    });
  });
}
