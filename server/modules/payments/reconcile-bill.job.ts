import { defineJob } from '../../jobs/job';

/**
 * Compares WeChat Pay's trade bill of yesterday (Asia/Shanghai) with our books, and tries again
 * the days of the last week that failed. WeChat Pay makes a day's bill by 10:00 the next morning;
 * the job runs every hour after that, and a day done already is not fetched again.
 */
export const reconcileBillJob = defineJob({
  name: 'payments-reconcile-bill',
  schedule: '20 10-23 * * *',
  description: "Reconcile yesterday's WeChat Pay trade bill (and retry failed days of the last week)",
  needs: ['reconciliation'],
  run: async ({ reconciliation }) => reconciliation.runDue(),
});
