import { defineJob } from '../../jobs/job';

/** Asks WeChat Pay again about refunds it has not settled (same refund number, a minute or more apart). */
export const refundsJob = defineJob({
  name: 'voucher-refunds',
  schedule: '* * * * *',
  description: 'Ask WeChat Pay again about voucher refunds not yet settled',
  needs: ['refunds'],
  run: async ({ refunds }) => refunds.retryDue(),
});
