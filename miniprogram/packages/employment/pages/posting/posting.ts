import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { apply, dayText, posting as loadPosting, salaryText, save } from '../../employment-api';

const PROFILE_URL = '/packages/employment/pages/profile/profile';

/**
 * 岗位详情: what the job is, pays and asks for, where it is and until when, and whether veterans are
 * preferred. 收藏 keeps it for later; 投递简历 sends the holder's 求职信息 to the employer (once),
 * and without a profile it leads to the profile form first.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    id: 0,
    title: '',
    employerName: '',
    salary: '',
    place: '',
    headcount: 0,
    category: '',
    requirements: '',
    veteranPreferred: false,
    veteranPreferenceText: '',
    validUntil: '',
    open: false,
    statusText: '',
    saved: false,
    applied: false,
    saving: false,
    applying: false,
    actionError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ rootFontSize: rootFontSize(), id: Number(query.id) || 0 });
      void this.load();
    },

    async load(): Promise<void> {
      if (!this.data.id) {
        this.setData({ state: 'error', message: '没有找到这个岗位' });
        return;
      }
      this.setData({ state: 'loading', message: '' });
      try {
        const p = await loadPosting(this.data.id);
        this.setData({
          state: 'ready',
          title: p.title,
          employerName: p.employerName,
          salary: salaryText(p),
          place: `${p.district} · ${p.address}`,
          headcount: p.headcount,
          category: p.category,
          requirements: p.requirements,
          veteranPreferred: p.veteranPreferred,
          veteranPreferenceText: p.veteranPreferenceText ?? '',
          validUntil: dayText(p.validUntil),
          open: p.status === 'published',
          statusText: p.statusText,
          saved: p.saved,
          applied: p.applied,
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    reload(): void {
      void this.load();
    },

    async toggleSave(): Promise<void> {
      if (this.data.saving) return;
      const next = !this.data.saved;
      this.setData({ saving: true, actionError: '' });
      try {
        await save(this.data.id, next);
        this.setData({ saved: next });
        wx.showToast({ title: next ? '已收藏' : '已取消收藏', icon: 'success' });
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ saving: false });
      }
    },

    async apply(): Promise<void> {
      if (this.data.applying || this.data.applied || !this.data.open) return;
      this.setData({ applying: true, actionError: '' });
      try {
        await apply(this.data.id);
        this.setData({ applied: true });
        wx.showToast({ title: '已投递', icon: 'success' });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'PROFILE_REQUIRED') {
          wx.showModal({
            title: '先填写求职信息',
            content: '投递前请先填写您的技能、服役经历和联系电话，招聘单位会据此联系您。',
            confirmText: '去填写',
            cancelText: '以后再说',
            success: (r) => {
              if (r.confirm) wx.navigateTo({ url: PROFILE_URL });
            },
          });
        } else if (err instanceof ApiError && err.code === 'ALREADY_APPLIED') {
          this.setData({ applied: true });
        } else {
          this.setData({ actionError: messageOf(err) });
        }
      } finally {
        this.setData({ applying: false });
      }
    },
  },
});
