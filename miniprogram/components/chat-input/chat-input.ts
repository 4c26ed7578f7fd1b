/** The longest message the server takes. */
const MAX_LENGTH = 500;

/**
 * Where the holder types: a large field and 发送. Emits `send` with `{ text }` (trimmed, never
 * empty) and clears the field; an empty send says what to do instead of doing nothing.
 */
Component({
  properties: {
    placeholder: { type: String, value: '请输入您的问题' },
  },
  data: {
    value: '',
    maxLength: MAX_LENGTH,
  },
  methods: {
    onInput(e: WechatMiniprogram.Input): void {
      this.setData({ value: e.detail.value });
    },
    onSend(): void {
      const text = this.data.value.trim();
      if (!text) {
        wx.showToast({ title: '请先输入您的问题', icon: 'none' });
        return;
      }
      this.setData({ value: '' });
      this.triggerEvent('send', { text });
    },
  },
});
