/**
 * The mini-program pages the assistant's buttons and quick replies open (as declared in
 * miniprogram/app.json; the module lists them, and a test checks each one).
 */
export const CHAT_PAGES = {
  home: 'pages/index/index',
  timeline: 'pages/timeline/timeline',
  me: 'pages/me/me',
  card: 'packages/card/pages/card/card',
  cardEligibility: 'packages/card/pages/eligibility/eligibility',
  cardApply: 'packages/card/pages/apply/apply',
  application: (id: number) => `packages/card/pages/application/application?id=${id}`,
  merchantList: 'packages/merchants/pages/list/list',
  legalProviders: 'packages/legal-aid/pages/providers/providers',
  legalBook: 'packages/legal-aid/pages/book/book',
  legalAppointments: 'packages/legal-aid/pages/appointments/appointments',
  appealsNew: 'packages/appeals/pages/new/new',
  appealsList: 'packages/appeals/pages/list/list',
  appeal: (id: number) => `packages/appeals/pages/detail/detail?id=${id}`,
  jobs: 'packages/employment/pages/postings/postings',
  jobFairs: 'packages/employment/pages/fairs/fairs',
  jobApplications: 'packages/employment/pages/applications/applications',
  lodging: 'packages/lodging/pages/hotels/hotels',
  lodgingBookings: 'packages/lodging/pages/bookings/bookings',
} as const;

/** A page with its query string; values are URL-encoded. */
export function pageWith(page: string, query: Record<string, string | number>): string {
  const parts = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${page}?${parts.join('&')}` : page;
}

/** The pages above without their query strings. */
const KNOWN = new Set(Object.values(CHAT_PAGES).map((p) => (typeof p === 'function' ? p(1) : p).split('?')[0]));

/** Whether a page path (with or without a leading slash and query) is one the assistant may open. */
export function isChatPage(path: string): boolean {
  return KNOWN.has(path.replace(/^\//, '').split('?')[0]);
}
