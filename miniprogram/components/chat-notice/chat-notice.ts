/**
 * A notice (an application's progress, a reminder, a reply) as a card of its own in the
 * conversation, or, with `pinned`, the newest unread one held at the top with a close button.
 * Emits `open` with `{ id, page }` (page may be empty) and, when pinned, `close` with `{ id }`.
 */
Component({
  properties: {
    notice: { type: Object, value: {} },
    pinned: { type: Boolean, value: false },
  },
  methods: {
    onOpen(): void {
      const n = this.data.notice as { id: number; page: string };
      this.triggerEvent('open', { id: n.id, page: n.page || '' });
    },
    onClose(): void {
      const n = this.data.notice as { id: number };
      this.triggerEvent('close', { id: n.id });
    },
  },
});
