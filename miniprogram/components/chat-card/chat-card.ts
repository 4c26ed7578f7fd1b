/**
 * A rich answer in the conversation: a title, a few lines of live data (an application's status,
 * the nearest offers, free times) and a button to the page where the holder acts on it.
 * Emits `open` with `{ page }`.
 */
Component({
  properties: {
    card: { type: Object, value: {} },
  },
  methods: {
    onOpen(): void {
      const card = this.data.card as { button?: { page?: string } | null };
      const page = card.button && card.button.page;
      if (page) this.triggerEvent('open', { page });
    },
  },
});
