import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { profile as loadProfile, saveProfile, type ProfileInput } from '../../employment-api';

type Field = keyof ProfileInput;
type FieldErrors = Record<Field, string>;

const noErrors = (): FieldErrors => ({ name: '', phone: '', skills: '', serviceBackground: '', desiredWork: '' });
const PHONE = /^1[3-9]\d{9}$/;

/** What each field needs, in the holder's words. */
const REQUIRED: Record<Field, string> = {
  name: '请填写姓名',
  phone: '请填写 11 位手机号码',
  skills: '请填写技能特长',
  serviceBackground: '请填写服役经历',
  desiredWork: '请填写期望工作',
};

/**
 * 我的求职信息: name, phone, skills, service background (服役经历: branch, years, rank) and the work
 * wanted. Kept once and editable; an employer sees it only in applications sent to it, as it was
 * when sent.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    form: { name: '', phone: '', skills: '', serviceBackground: '', desiredWork: '' } as ProfileInput,
    errors: noErrors(),
    saving: false,
    saveError: '',
    isNew: true,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading', message: '' });
      try {
        const res = await loadProfile();
        const p = res.profile;
        this.setData({
          state: 'ready',
          isNew: !p,
          form: p
            ? {
                name: p.name,
                phone: p.phone,
                skills: p.skills,
                serviceBackground: p.serviceBackground,
                desiredWork: p.desiredWork,
              }
            : this.data.form,
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    reload(): void {
      void this.load();
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = e.currentTarget.dataset.field as Field;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },

    async submit(): Promise<void> {
      if (this.data.saving) return;
      const form = this.data.form;
      const errors = noErrors();
      for (const field of Object.keys(REQUIRED) as Field[]) {
        if (!String(form[field] ?? '').trim()) errors[field] = REQUIRED[field];
      }
      if (!errors.phone && !PHONE.test(form.phone.trim())) errors.phone = REQUIRED.phone;
      this.setData({ errors, saveError: '' });
      if (Object.values(errors).some(Boolean)) return;
      this.setData({ saving: true });
      try {
        await saveProfile({
          name: form.name.trim(),
          phone: form.phone.trim(),
          skills: form.skills.trim(),
          serviceBackground: form.serviceBackground.trim(),
          desiredWork: form.desiredWork.trim(),
        });
        this.setData({ isNew: false });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        const field = err instanceof ApiError ? (err.details?.[0]?.field as Field | undefined) : undefined;
        if (field && field in errors) this.setData({ [`errors.${field}`]: messageOf(err) });
        else this.setData({ saveError: messageOf(err) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
