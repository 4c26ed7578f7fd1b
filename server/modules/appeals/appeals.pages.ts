/** The mini-program pages the appeals module's notices open (as declared in miniprogram/app.json). */
export const APPEAL_PAGES = {
  appeal: (id: number) => `packages/appeals/pages/detail/detail?id=${id}`,
} as const;
