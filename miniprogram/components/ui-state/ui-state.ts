/**
 * What a page or list says while it has nothing to show: loading, empty (with what would put
 * something here) or an error (with what went wrong and a way to try again). Renders nothing for
 * any other state, so a page can bind its own state value to it directly. Emits `action` when the
 * holder taps the button (retry by default on errors; on empty only when `actionText` is set).
 */
Component({
  properties: {
    state: { type: String, value: '' },
    message: { type: String, value: '' },
    actionText: { type: String, value: '' },
  },
  methods: {
    onAction(): void {
      this.triggerEvent('action', {});
    },
  },
});
