/** The mini-program pages the merchants module's notices open (as declared in miniprogram/app.json). */
export const MERCHANT_PAGES = {
  merchantPortal: 'packages/merchant-portal/pages/scan/scan',
  merchantApplication: 'packages/merchant-portal/pages/application/application',
  myComplaints: 'packages/merchants/pages/complaints/complaints',
} as const;
