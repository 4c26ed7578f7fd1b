/** The mini-program pages the people module's notices open (as declared in miniprogram/app.json). */
export const PEOPLE_PAGES = {
  identityChange: 'packages/people/pages/identity-change/identity-change',
} as const;
