/**
 * The suggestions under the newest message, as large chips. Emits `choose` with `{ reply }` (the
 * quick reply as the server sent it: the page decides whether it opens a page or is sent back).
 */
Component({
  properties: {
    items: { type: Array, value: [] },
  },
  methods: {
    onChoose(e: WechatMiniprogram.TouchEvent): void {
      const reply = (this.data.items as unknown[])[Number(e.currentTarget.dataset.index)];
      if (reply) this.triggerEvent('choose', { reply });
    },
  },
});
