/** The mini-program pages the proxies module's notices open (as declared in miniprogram/app.json). */
export const PROXY_PAGES = {
  proxies: 'packages/people/pages/proxies/proxies',
  actFor: 'packages/people/pages/act-for/act-for',
} as const;
