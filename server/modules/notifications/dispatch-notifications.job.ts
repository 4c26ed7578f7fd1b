import { defineJob } from '../../jobs/job';

/** Sends due outbox rows as subscribe messages. */
export const dispatchNotificationsJob = defineJob({
  name: 'dispatch-notifications',
  schedule: '*/10 * * * * *',
  description: 'Deliver pending notices through WeChat subscribe messages',
  needs: ['dispatcher'],
  run: async ({ dispatcher }) => ({ ...(await dispatcher.dispatchDue()) }),
});
