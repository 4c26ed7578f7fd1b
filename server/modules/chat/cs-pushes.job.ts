import { defineJob } from '../../jobs/job';

/** Customer-service pushes stored but not processed: a process that stopped after answering WeChat. */
export const csPushesJob = defineJob({
  name: 'cs-pushes',
  schedule: '*/30 * * * * *',
  description: 'Process customer-service pushes stored but not yet written to the conversation',
  needs: ['csInbound'],
  run: async ({ csInbound }) => csInbound.processPending(),
});
