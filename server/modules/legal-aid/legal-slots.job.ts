import { defineJob } from '../../jobs/job';

/** Keeps bookable slots made for the next 14 days from every provider's weekly hours. */
export const legalSlotsJob = defineJob({
  name: 'legal-slots',
  schedule: '30 2 * * *',
  description: 'Make bookable legal-aid slots for the next 14 days',
  needs: ['providers'],
  run: async ({ providers }) => ({ made: await providers.generateAll() }),
});
