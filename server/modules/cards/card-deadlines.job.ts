import { defineJob } from '../../jobs/job';

/** Sent-back applications: a reminder 3 days before the deadline, closed once it has passed. */
export const cardDeadlinesJob = defineJob({
  name: 'card-deadlines',
  schedule: '5 * * * *',
  description: 'Remind holders 3 days before a send-back deadline; close applications whose deadline passed',
  needs: ['cardReminders', 'clock'],
  run: ({ cardReminders, clock }) => cardReminders.remindAndExpireSentBack(clock.now()),
});
