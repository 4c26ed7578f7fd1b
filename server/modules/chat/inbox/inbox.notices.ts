import { template } from '../../../lib/notice-template';
import { CHAT_PAGES } from '../chat.pages';

/**
 * A staff member answered in the conversation while the holder was away from the mini-program.
 * The message itself stays in the conversation; a tap opens the home page where it is.
 */
export const CHAT_TEMPLATES = {
  chat_reply: template({
    key: 'chat_reply',
    label: '咨询回复通知',
    fields: {
      thing1: { type: 'thing', from: 'agent' },
      thing2: { type: 'thing', from: 'excerpt' },
      time3: { type: 'time', from: 'time' },
    },
    page: CHAT_PAGES.home,
    render: (d) => ({ title: `${d.agent}回复了您的咨询`, body: d.excerpt }),
  }),
};
