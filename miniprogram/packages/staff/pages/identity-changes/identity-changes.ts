import { categoryLabel } from '../../../../services/people';
import { messageOf } from '../../../../services/request';
import { hasRole } from '../../../../services/session';
import {
  changeRequests,
  privateFilePath,
  reviewChangeRequest,
  type StaffChangeRequest,
} from '../../../../services/staff';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';

type Decision = 'approve' | 'reject';

const DECISIONS: Record<Decision, { label: string; done: string; confirm: string }> = {
  approve: { label: '通过', done: '已通过，身份信息已更新', confirm: '确定通过吗？申请人的身份信息将立即按申请变更。' },
  reject: { label: '不通过', done: '已作不通过处理', confirm: '确定不通过吗？申请人会收到您填写的原因。' },
};

interface ItemView {
  id: number;
  personName: string;
  personCategory: string;
  idNumberMasked: string;
  /** One line per field the request changes. */
  changes: string[];
  reason: string;
  createdAt: string;
  documentFileIds: number[];
  decisionReason: string;
  reasonError: string;
  actionError: string;
}

function toView(r: StaffChangeRequest): ItemView {
  const changes: string[] = [];
  if (r.changes.name) changes.push(`姓名：${r.previous.name} → ${r.changes.name}`);
  if (r.changes.category)
    changes.push(`身份类别：${categoryLabel(r.previous.category)} → ${categoryLabel(r.changes.category)}`);
  if (r.changes.idNumberMasked) changes.push(`身份证号码：${r.previous.idNumberMasked} → ${r.changes.idNumberMasked}`);
  if (r.changes.phoneMasked) changes.push(`手机号码：→ ${r.changes.phoneMasked}`);
  return {
    id: r.id,
    personName: r.person.name,
    personCategory: categoryLabel(r.person.category),
    idNumberMasked: r.person.idNumberMasked,
    changes,
    reason: r.reason,
    createdAt: formatDateTime(r.createdAt),
    documentFileIds: r.documentFileIds,
    decisionReason: '',
    reasonError: '',
    actionError: '',
  };
}

/**
 * 身份变更审核: open requests to change a verified identity in the reviewer's station or district,
 * oldest first, each with the person as they stand now, the change asked for and the holder's
 * reason. Approve applies the change at once; reject needs a reason the holder will read.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    isStaff: true,
    items: [] as ItemView[],
    nextCursor: null as string | null,
    loaded: false,
    loading: false,
    loadingMore: false,
    error: '',
    deciding: false,
    notice: '',
  },
  methods: {
    onLoad(): void {
      this.setData({
        rootFontSize: rootFontSize(),
        isStaff: hasRole('station_staff') || hasRole('district_staff') || hasRole('admin'),
      });
    },

    onShow(): void {
      if (this.data.isStaff) void this.loadFirst();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.loadFirst();
      wx.stopPullDownRefresh();
    },

    onReachBottom(): void {
      void this.loadMore();
    },

    async loadFirst(): Promise<void> {
      this.setData({ loading: true, error: '' });
      try {
        const page = await changeRequests({ status: 'submitted' });
        this.setData({ items: page.items.map(toView), nextCursor: page.nextCursor, loaded: true, loading: false });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    async loadMore(): Promise<void> {
      const cursor = this.data.nextCursor;
      if (!cursor || this.data.loadingMore) return;
      this.setData({ loadingMore: true, error: '' });
      try {
        const page = await changeRequests({ status: 'submitted', cursor });
        const shown: Record<number, true> = {};
        for (const i of this.data.items) shown[i.id] = true;
        const more = page.items.filter((i) => !shown[i.id]).map(toView);
        this.setData({ items: this.data.items.concat(more), nextCursor: page.nextCursor, loadingMore: false });
      } catch (err) {
        this.setData({ loadingMore: false, error: messageOf(err) });
      }
    },

    /** Changes one item in place (a new array, so the page re-renders it). */
    patch(id: number, change: Partial<ItemView>): void {
      this.setData({ items: this.data.items.map((i) => (i.id === id ? Object.assign({}, i, change) : i)) });
    },

    onReasonInput(e: WechatMiniprogram.Input): void {
      this.patch(Number(e.currentTarget.dataset.id), { decisionReason: e.detail.value, reasonError: '' });
    },

    decide(e: WechatMiniprogram.TouchEvent): void {
      if (this.data.deciding) return;
      const id = Number(e.currentTarget.dataset.id);
      const decision = String(e.currentTarget.dataset.decision) as Decision;
      const item = this.data.items.filter((i) => i.id === id)[0];
      if (!item || !DECISIONS[decision]) return;
      const reason = item.decisionReason.trim();
      this.patch(id, { actionError: '' });
      if (decision === 'reject' && !reason) {
        this.patch(id, { reasonError: '请填写不通过的原因，申请人会看到它' });
        wx.showToast({ title: '请先填写原因', icon: 'none' });
        return;
      }
      wx.showModal({
        title: DECISIONS[decision].label,
        content: DECISIONS[decision].confirm,
        confirmText: '确定',
        cancelText: '取消',
        success: (res) => {
          if (res.confirm) void this.send(id, decision, reason);
        },
      });
    },

    async send(id: number, decision: Decision, reason: string): Promise<void> {
      this.setData({ deciding: true, notice: '' });
      try {
        await reviewChangeRequest(id, decision, reason || undefined);
        // Decided: it leaves the list of open requests.
        this.setData({
          deciding: false,
          items: this.data.items.filter((i) => i.id !== id),
          notice: DECISIONS[decision].done,
        });
        wx.showToast({ title: DECISIONS[decision].label, icon: 'success' });
      } catch (err) {
        // Someone decided first, or the holder withdrew it: say so in the server's words.
        this.setData({ deciding: false });
        this.patch(id, { actionError: messageOf(err) });
      }
    },

    /** The holder's documents, fetched with the reviewer's login, shown full screen. */
    async viewDocuments(e: WechatMiniprogram.TouchEvent): Promise<void> {
      const id = Number(e.currentTarget.dataset.id);
      const item = this.data.items.filter((i) => i.id === id)[0];
      if (!item || !item.documentFileIds.length) return;
      try {
        const urls = await Promise.all(item.documentFileIds.map((f) => privateFilePath(f)));
        wx.previewImage({ urls, current: urls[0] });
      } catch (err) {
        this.patch(id, { actionError: messageOf(err) });
      }
    },

    openLogin(): void {
      wx.navigateTo({ url: '/pages/login/login' });
    },
  },
});
