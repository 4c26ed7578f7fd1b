import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { ensurePrivacy } from '../../../../utils/privacy';
import {
  book,
  GUEST_KINDS,
  hotel as loadHotel,
  nightText,
  uploadProof,
  type GuestKind,
  type NewBooking,
} from '../../lodging-api';

type Field = 'guestKind' | 'guestName' | 'phone' | 'proof';
type FieldErrors = Record<Field, string>;

const noErrors = (): FieldErrors => ({ guestKind: '', guestName: '', phone: '', proof: '' });

/** Which field a server VALIDATION_FAILED names, in the form's terms. */
const FIELD_OF: Record<string, Field> = {
  guestKind: 'guestKind',
  guestName: 'guestName',
  phone: 'phone',
  proofFileId: 'proof',
};

const PHONE = /^1[3-9]\d{9}$/;
const BOOKINGS_URL = '/packages/lodging/pages/bookings/bookings';

/**
 * 预订驿站: one night at the hotel chosen on the list. Who stays (a serving soldier or a family
 * member), their name and phone, and, if they like, a photo of the 军官证、士兵证 or 军属证明 for the
 * bureau to check beforehand; without one the desk checks the papers at check-in. 确认预订 books it
 * and opens 我的预订.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    hotelId: 0,
    night: '',
    nightText: '',
    hotelName: '',
    address: '',
    rules: '',
    free: 0,
    kinds: GUEST_KINDS,
    guestKind: '' as GuestKind | '',
    guestName: '',
    phone: '',
    proofFileId: 0,
    proofPath: '',
    uploading: false,
    errors: noErrors(),
    submitting: false,
    submitError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const hotelId = Number(query?.hotelId) || 0;
      const night = query?.night || '';
      this.setData({ rootFontSize: rootFontSize(), hotelId, night, nightText: nightText(night) });
      void this.load();
    },

    async load(): Promise<void> {
      if (!this.data.hotelId || !this.data.night) {
        this.setData({ state: 'error', message: '没有找到要预订的驿站，请返回重新选择' });
        return;
      }
      this.setData({ state: 'loading', message: '' });
      try {
        const h = await loadHotel(this.data.hotelId);
        const n = h.nights.filter((x) => x.night === this.data.night)[0];
        this.setData({
          state: 'ready',
          hotelName: h.name,
          address: h.address || '',
          rules: h.rules || '',
          free: n ? n.free : 0,
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    reload(): void {
      void this.load();
    },

    setError(field: Field, message: string): void {
      this.setData({ errors: Object.assign({}, this.data.errors, { [field]: message }) });
    },

    chooseKind(e: WechatMiniprogram.TouchEvent): void {
      const kind = e.currentTarget.dataset.kind === 'family' ? 'family' : 'serving_soldier';
      this.setData({ guestKind: kind });
      this.setError('guestKind', '');
    },

    onNameInput(e: WechatMiniprogram.Input): void {
      this.setData({ guestName: e.detail.value });
      this.setError('guestName', '');
    },

    onPhoneInput(e: WechatMiniprogram.Input): void {
      this.setData({ phone: e.detail.value });
      this.setError('phone', '');
    },

    /** 拍照或从相册选择 the proof; uploaded at once as a private document. */
    async chooseProof(): Promise<void> {
      if (this.data.uploading) return;
      if (!(await ensurePrivacy('用于拍摄或选择军人身份证明的照片'))) {
        this.setError('proof', '没有同意使用相册或相机，暂时无法上传证明。不上传也可以预订，入住时出示证件即可。');
        return;
      }
      wx.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: (res) => void this.uploadPhoto(res.tempFiles[0].tempFilePath),
      });
    },

    async uploadPhoto(path: string): Promise<void> {
      this.setData({ uploading: true });
      this.setError('proof', '');
      try {
        const file = await uploadProof(path);
        this.setData({ uploading: false, proofFileId: file.id, proofPath: path });
      } catch (err) {
        this.setData({ uploading: false });
        this.setError('proof', messageOf(err));
      }
    },

    removeProof(): void {
      this.setData({ proofFileId: 0, proofPath: '' });
    },

    /** Checks the form on the phone first: each field says what is missing. */
    check(): boolean {
      const errors = noErrors();
      if (!this.data.guestKind) errors.guestKind = '请选择入住人是现役军人本人还是家属';
      if (!this.data.guestName.trim()) errors.guestName = '请填写入住人姓名';
      if (!PHONE.test(this.data.phone.trim())) errors.phone = '请填写 11 位手机号码';
      this.setData({ errors });
      return !errors.guestKind && !errors.guestName && !errors.phone;
    },

    async submit(): Promise<void> {
      if (this.data.submitting || this.data.uploading || !this.check()) return;
      this.setData({ submitting: true, submitError: '' });
      const body: NewBooking = {
        hotelId: this.data.hotelId,
        night: this.data.night,
        guestKind: this.data.guestKind as GuestKind,
        guestName: this.data.guestName.trim(),
        phone: this.data.phone.trim(),
      };
      if (this.data.proofFileId) body.proofFileId = this.data.proofFileId;
      try {
        await book(body);
        this.setData({ submitting: false });
        wx.showToast({ title: '预订成功', icon: 'success' });
        wx.redirectTo({ url: BOOKINGS_URL });
      } catch (err) {
        const named = err instanceof ApiError && err.code === 'VALIDATION_FAILED' ? err.details?.[0]?.field : undefined;
        const field = named ? FIELD_OF[named] : undefined;
        this.setData({ submitting: false, submitError: field ? '' : messageOf(err) });
        if (field) this.setError(field, messageOf(err));
      }
    },
  },
});
