import { defineJob } from '../../jobs/job';

/** Cards waiting to be collected: a reminder every 3 days, at most 3 times. */
export const cardReadyRemindersJob = defineJob({
  name: 'card-ready-reminders',
  schedule: '0 10 * * *',
  description: 'Remind holders every 3 days (at most 3 times) to collect a card that has arrived',
  needs: ['cardReminders', 'clock'],
  run: ({ cardReminders, clock }) => cardReminders.remindToCollect(clock.now()),
});
