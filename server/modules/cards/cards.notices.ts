import { template } from '../../lib/notice-template';
import { CARD_PAGES } from './cards.pages';

/**
 * Progress on something the holder applied for: the card's steps, and (through the people module)
 * an identity change's. A tap opens the card page unless the notice names its own.
 */
export const CARD_TEMPLATES = {
  application_status: template({
    key: 'application_status',
    label: '办理进度通知',
    fields: {
      thing1: { type: 'thing', from: 'subject' },
      phrase2: { type: 'phrase', from: 'status' },
      time3: { type: 'time', from: 'time' },
      thing4: { type: 'thing', from: 'remark' },
    },
    // `remark` fits WeChat's 20-character field; an optional `detail` carries the whole text to the timeline.
    extras: ['detail'],
    page: CARD_PAGES.card,
    render: (d) => ({ title: `${d.subject}：${d.status}`, body: d.detail ?? d.remark }),
  }),
};
