import {
  openPrivacyGuide,
  type PrivacyPopup,
  type PrivacyResolve,
  registerPrivacyPopup,
  unregisterPrivacyPopup,
} from '../../utils/privacy';

/** The id WeChat needs to know the agreement came from its own agree button. */
const AGREE_ID = 'privacy-agree';

/**
 * WeChat's privacy popup for the page it sits on: says in plain words what the app is about to use
 * and why, links the full guide, and offers 同意 (WeChat's own agree button) and 不同意. Hidden until
 * WeChat asks (see utils/privacy.ts).
 */
Component({
  data: {
    show: false,
    purpose: '',
    contractName: '《戎友小程序隐私保护指引》',
    agreeId: AGREE_ID,
  },
  lifetimes: {
    attached() {
      const popup: PrivacyPopup = {
        open: (resolve, purpose) => this.open(resolve, purpose),
      };
      (this as unknown as { popup: PrivacyPopup }).popup = popup;
      registerPrivacyPopup(popup);
      if (typeof wx.getPrivacySetting === 'function') {
        wx.getPrivacySetting({
          success: (r) => {
            if (r.privacyContractName) this.setData({ contractName: r.privacyContractName });
          },
        });
      }
    },
    detached() {
      const popup = (this as unknown as { popup?: PrivacyPopup }).popup;
      if (popup) unregisterPrivacyPopup(popup);
      this.answer({ event: 'disagree' });
    },
  },
  methods: {
    open(resolve: PrivacyResolve, purpose: string): void {
      // A second request while one is open replaces it; the first is declined so it does not hang.
      this.answer({ event: 'disagree' });
      (this as unknown as { resolve?: PrivacyResolve }).resolve = resolve;
      this.setData({ show: true, purpose });
      // Tells WeChat the popup was shown, as its rules ask before the answer.
      resolve({ event: 'exposureAuthorization' });
    },
    answer(a: { event: 'agree' | 'disagree'; buttonId?: string }): void {
      const self = this as unknown as { resolve?: PrivacyResolve };
      const resolve = self.resolve;
      self.resolve = undefined;
      if (resolve) resolve(a);
    },
    onAgree(): void {
      this.answer({ event: 'agree', buttonId: AGREE_ID });
      this.setData({ show: false });
    },
    onDecline(): void {
      this.answer({ event: 'disagree' });
      this.setData({ show: false });
    },
    /** Keeps the page under the popup from scrolling. */
    noop(): void {},
    onOpenGuide(): void {
      openPrivacyGuide();
    },
  },
});
