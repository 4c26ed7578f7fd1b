/** The mini-program pages a notice opens when tapped (as declared in miniprogram/app.json). */
export const PAGES = {
  home: 'pages/index/index',
  card: 'packages/card/pages/card/card',
  application: (id: number) => `packages/card/pages/application/application?id=${id}`,
  appointments: 'packages/legal-aid/pages/appointments/appointments',
  staffQueue: 'packages/staff/pages/queue/queue',
  identityChange: 'packages/people/pages/identity-change/identity-change',
  merchantPortal: 'packages/merchant-portal/pages/scan/scan',
  myComplaints: 'packages/merchants/pages/complaints/complaints',
} as const;
