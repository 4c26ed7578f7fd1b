import { defineJob } from '../../jobs/job';

/** Appointment reminders 24 h and 2 h before; expired waitlist offers passed on. */
export const legalRemindersJob = defineJob({
  name: 'legal-reminders',
  schedule: '*/5 * * * *',
  description: 'Remind holders 24 h and 2 h before appointments; pass on expired waitlist offers',
  needs: ['appointmentReminders', 'clock'],
  run: ({ appointmentReminders, clock }) => appointmentReminders.remindAndPassOnOffers(clock.now()),
});
