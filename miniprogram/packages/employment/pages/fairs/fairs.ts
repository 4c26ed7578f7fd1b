import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { cancelSignup, dayText, fairs as loadFairs, signUp, type Fair } from '../../employment-api';

interface FairView {
  id: number;
  title: string;
  day: string;
  where: string;
  description: string;
  employers: string;
  places: string;
  signedUp: boolean;
  full: boolean;
}

const toView = (f: Fair): FairView => ({
  id: f.id,
  title: f.title,
  day: dayText(f.fairDate),
  where: f.mode === 'online' ? `网络招聘会：${f.link ?? ''}` : `地点：${f.place ?? ''}`,
  description: f.description,
  employers: f.employers.length ? `参会单位：${f.employers.map((e) => e.name).join('、')}` : '',
  places: f.remaining === null ? '名额不限' : f.remaining > 0 ? `还剩 ${f.remaining} 个名额` : '名额已满',
  signedUp: f.mySignup?.status === 'signed_up',
  full: f.remaining !== null && f.remaining <= 0,
});

/**
 * 招聘会: the fairs from today on, soonest first, with the place or link, the employers taking part
 * and the places left. 报名 signs up before the day; 取消报名 gives the place back.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    items: [] as FairView[],
    busyId: 0,
    actionError: '',
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      if (this.data.items.length === 0) this.setData({ state: 'loading', message: '' });
      try {
        const res = await loadFairs();
        this.setData({
          state: res.items.length ? 'ready' : 'empty',
          message: res.items.length ? '' : '近期没有招聘会，请过几天再来看看。',
          items: res.items.map(toView),
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    reload(): void {
      void this.load();
    },

    async signUp(e: WechatMiniprogram.CustomEvent): Promise<void> {
      const id = Number(e.currentTarget.dataset.id);
      if (!id || this.data.busyId) return;
      this.setData({ busyId: id, actionError: '' });
      try {
        await signUp(id);
        wx.showToast({ title: '报名成功', icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ busyId: 0 });
      }
    },

    cancel(e: WechatMiniprogram.CustomEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const row = this.data.items.filter((f) => f.id === id)[0];
      if (!row || this.data.busyId) return;
      wx.showModal({
        title: '取消报名',
        content: `确定取消“${row.title}”的报名吗？名额会让给其他人。`,
        confirmText: '确定取消',
        cancelText: '不取消',
        success: (r) => {
          if (r.confirm) void this.doCancel(id);
        },
      });
    },

    async doCancel(id: number): Promise<void> {
      this.setData({ busyId: id, actionError: '' });
      try {
        await cancelSignup(id);
        wx.showToast({ title: '已取消报名', icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ actionError: messageOf(err) });
      } finally {
        this.setData({ busyId: 0 });
      }
    },
  },
});
