/** The mini-program pages the lodging module's notices open (as declared in miniprogram/app.json). */
export const LODGING_PAGES = {
  myBookings: 'packages/lodging/pages/bookings/bookings',
} as const;
