import { defineJob } from '../../jobs/job';

/** Closes voucher orders not paid in time, after asking WeChat Pay (a lost notice is applied instead). */
export const closeOrdersJob = defineJob({
  name: 'voucher-orders-close',
  schedule: '* * * * *',
  description: 'Close voucher orders not paid within 15 minutes (asking WeChat Pay first)',
  needs: ['orders'],
  run: async ({ orders }) => orders.closeOverdue(),
});
