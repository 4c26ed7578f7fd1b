import { defineJob } from '../../jobs/job';

/** Working mornings: staff hear of applications waiting more than 5 working days for their step. */
export const staffDigestJob = defineJob({
  name: 'staff-digest',
  schedule: '30 8 * * 1-5',
  description: 'Working mornings: applications waiting more than 5 working days, per station',
  needs: ['cardReminders', 'clock'],
  run: ({ cardReminders, clock }) => cardReminders.digestWaitingForStaff(clock.now()),
});
