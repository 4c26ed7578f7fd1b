/**
 * The app's one button. Four looks, each saying what the action does:
 * - primary: the page's main step (red fill, white text);
 * - secondary: any other step (white, red border and text);
 * - danger: something that cannot be undone or takes something away (挂失, 撤回, 驳回): dark-red outline;
 * - plain: a low-key step (grey border, dark text).
 * All at least 88rpx high with text of 1rem (it grows with WeChat's font size), 4.5:1 contrast in every
 * look including disabled, and a visible press state. WeChat's built-in button style is reset, so the
 * look is the one chosen here on every base library.
 *
 * Emits `press` only when neither disabled nor loading, so a page never acts on a greyed-out button
 * or twice while its request is on the way. `openType` passes through for WeChat's own actions
 * (contact, share, agreePrivacyAuthorization …), and `formType` submits the surrounding `<form>`.
 */
Component({
  behaviors: ['wx://form-field-button'],
  properties: {
    look: { type: String, value: 'secondary' },
    disabled: { type: Boolean, value: false },
    loading: { type: Boolean, value: false },
    /** Not stretched across the line: for a button beside text or another button. */
    inline: { type: Boolean, value: false },
    openType: { type: String, value: '' },
    sessionFrom: { type: String, value: '' },
    formType: { type: String, value: '' },
    ariaLabel: { type: String, value: '' },
  },
  methods: {
    onTap(): void {
      if (this.data.disabled || this.data.loading) return;
      this.triggerEvent('press', {});
    },
    onAgreePrivacy(e: WechatMiniprogram.CustomEvent): void {
      this.triggerEvent('agreeprivacyauthorization', e.detail);
    },
    onContact(e: WechatMiniprogram.CustomEvent): void {
      this.triggerEvent('contact', e.detail);
    },
  },
});
