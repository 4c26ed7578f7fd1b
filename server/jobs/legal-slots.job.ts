import type { JobDefinition } from './job';

/** Keeps bookable slots made for the next 14 days from every provider's weekly hours. */
export const legalSlotsJob: JobDefinition = {
  name: 'legal-slots',
  schedule: '30 2 * * *',
  description: 'Make bookable legal-aid slots for the next 14 days',
  run: async (c) => ({ made: await c.services.providers.generateAll() }),
};
