/** The mini-program pages the cards module's notices open (as declared in miniprogram/app.json). */
export const CARD_PAGES = {
  card: 'packages/card/pages/card/card',
  application: (id: number) => `packages/card/pages/application/application?id=${id}`,
  staffQueue: 'packages/staff/pages/queue/queue',
} as const;
