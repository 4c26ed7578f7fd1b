import { agreeConsent, type Consent, getConsent, hasCurrentConsent } from '../../../../services/privacy';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';

/**
 * The separate consent to sensitive personal information (ID number, veteran status, photos,
 * documents), shown before the identity is bound. 同意并继续 records the agreement to the version
 * shown, then returns to the page that asked (or opens `?next=`); 不同意 changes nothing and says what
 * cannot be done without it.
 */
Component({
  data: {
    rootFontSize: '',
    loading: true,
    loadError: '',
    consent: null as Consent | null,
    agreed: false,
    agreedAt: '',
    notice: '',
    error: '',
    saving: false,
    next: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ rootFontSize: rootFontSize(), next: query.next ? decodeURIComponent(query.next) : '' });
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ loading: true, loadError: '' });
      try {
        const consent = await getConsent();
        this.setData({
          loading: false,
          consent,
          agreed: hasCurrentConsent(consent),
          agreedAt: consent.agreedAt && hasCurrentConsent(consent) ? formatDateTime(consent.agreedAt) : '',
        });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    async agree(): Promise<void> {
      const consent = this.data.consent;
      if (!consent || this.data.saving) return;
      this.setData({ saving: true, error: '', notice: '' });
      try {
        await agreeConsent(consent.currentVersion);
        this.setData({ saving: false, agreed: true });
        wx.showToast({ title: '已同意', icon: 'success' });
        this.leave();
      } catch (err) {
        this.setData({ saving: false });
        if (err instanceof ApiError && err.code === 'CONSENT_VERSION_STALE') {
          // The text changed while it was open: show the new one to read again.
          await this.load();
          this.setData({ notice: err.message });
          return;
        }
        this.setData({ error: messageOf(err) });
      }
    },

    /** Nothing is recorded; the page says what needs the consent, then goes back. */
    decline(): void {
      wx.showModal({
        title: '不同意',
        content: '不同意将不能登记身份、申领优待证。浏览优惠商户、在线咨询等其他功能照常使用。',
        confirmText: '知道了',
        showCancel: false,
        complete: () => wx.navigateBack({ fail: () => wx.reLaunch({ url: '/pages/me/me' }) }),
      });
    },

    leave(): void {
      const next = this.data.next;
      if (next && next.charAt(0) === '/') {
        wx.redirectTo({ url: next });
        return;
      }
      wx.navigateBack({ fail: () => wx.reLaunch({ url: '/pages/me/me' }) });
    },
  },
});
