/**
 * One message of the conversation: the holder's on the right, the assistant's and staff's on the
 * left (staff's tinted, under the staff member's name), system lines in the middle. A knowledge-base answer shows where it comes from and asks
 * 有用 / 没用; a message that failed to send says why and offers 重发.
 * Emits `open` `{ page }`, `feedback` `{ messageId, useful }` and `retry` `{ localId }`.
 */
Component({
  properties: {
    message: { type: Object, value: {} },
  },
  methods: {
    onOpen(e: WechatMiniprogram.CustomEvent<{ page: string }>): void {
      this.triggerEvent('open', { page: e.detail.page });
    },
    onFeedback(e: WechatMiniprogram.TouchEvent): void {
      const m = this.data.message as { messageId: number; feedback: string };
      // One answer per message: a second tap while the first is on its way does nothing.
      if (m.feedback !== 'ask') return;
      this.triggerEvent('feedback', { messageId: m.messageId, useful: e.currentTarget.dataset.useful === 'yes' });
    },
    onRetry(): void {
      const m = this.data.message as { localId: number };
      this.triggerEvent('retry', { localId: m.localId });
    },
  },
});
