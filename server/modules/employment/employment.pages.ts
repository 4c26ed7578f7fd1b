/** The mini-program pages the employment module's notices open (as declared in miniprogram/app.json). */
export const EMPLOYMENT_PAGES = {
  myApplications: 'packages/employment/pages/applications/applications',
  postings: 'packages/employment/pages/postings/postings',
} as const;
