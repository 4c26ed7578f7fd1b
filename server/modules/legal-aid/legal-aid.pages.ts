/** The mini-program pages the legal-aid module's notices open (as declared in miniprogram/app.json). */
export const LEGAL_AID_PAGES = {
  appointments: 'packages/legal-aid/pages/appointments/appointments',
} as const;
