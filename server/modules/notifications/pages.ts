/** The mini-program pages this module's notices open (as declared in miniprogram/app.json). */
export const NOTIFICATION_PAGES = {
  home: 'pages/index/index',
} as const;
