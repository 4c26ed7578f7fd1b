import { defineJob } from '../../jobs/job';

/** Replies through the customer-service chat that are due: new ones a process left, and retries. */
export const csRepliesJob = defineJob({
  name: 'cs-replies',
  schedule: '*/15 * * * * *',
  description: 'Send queued customer-service replies, retrying with backoff, falling back to a subscribe message',
  needs: ['csReplies'],
  run: async ({ csReplies }) => ({ ...(await csReplies.deliverDue()) }),
});
