import { defineJob } from '../../jobs/job';

/** Holders' messages kept unchecked (the content check was unavailable), checked again before staff see them. */
export const contentRecheckJob = defineJob({
  name: 'content-recheck',
  schedule: '0 * * * * *',
  description: 'Check again holders’ messages the content check could not judge; past the cut-off mark them for review',
  needs: ['contentCheck'],
  run: async ({ contentCheck }) => ({ ...(await contentCheck.recheckUnchecked()) }),
});
