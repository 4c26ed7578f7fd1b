import type { JobDefinition } from './job';

/** Sends due outbox rows as subscribe messages. */
export const dispatchNotificationsJob: JobDefinition = {
  name: 'dispatch-notifications',
  schedule: '*/10 * * * * *',
  description: 'Deliver pending notices through WeChat subscribe messages',
  run: async (c) => ({ ...(await c.services.dispatcher.dispatchDue()) }),
};
