import {
  ACTOR_WORDS,
  APPLICATION_STATUS_TONE,
  APPLICATION_STATUS_WORDS,
  get,
  KIND_WORDS,
  mine,
  submit,
  withdraw,
  type Application,
  type ApplicationStatus,
} from '../../../../services/cards';
import { categoryLabel } from '../../../../services/people';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';

type Look = 'primary' | 'secondary' | 'danger';
interface ActionView {
  key: string;
  label: string;
  look: Look;
}

/** The buttons the holder may see, in the order they are shown; which appear is the server's call. */
const ACTION_LABELS: Record<string, { label: string; look: Look }> = {
  edit: { label: '修改申请', look: 'secondary' },
  submit: { label: '提交申请', look: 'primary' },
  resubmit: { label: '重新提交', look: 'primary' },
  withdraw: { label: '撤回申请', look: 'danger' },
};
const ACTION_ORDER = ['resubmit', 'submit', 'edit', 'withdraw'];

/**
 * The buttons for the actions the server allows. An application sent back for more information
 * leads with 修改 (the form, with the reviewer's words beside the fields, then 保存并重新提交 there):
 * resubmitting the same material unchanged is not offered.
 */
function toActions(allowed: string[], status: ApplicationStatus): ActionView[] {
  const sentBack = status === 'needs_info' && allowed.indexOf('edit') >= 0;
  const order = sentBack ? ['edit', 'withdraw'] : ACTION_ORDER;
  return order
    .filter((a) => allowed.indexOf(a) >= 0)
    .map((a) => ({
      key: a,
      label: ACTION_LABELS[a].label,
      look: sentBack && a === 'edit' ? 'primary' : ACTION_LABELS[a].look,
    }));
}

interface HistoryView {
  key: number;
  fromLabel: string;
  toLabel: string;
  when: string;
  by: string;
  reason: string;
}

interface ApplicationView {
  id: number;
  status: ApplicationStatus;
  statusLabel: string;
  statusTone: string;
  statusHint: string;
  kindLabel: string;
  categoryLabel: string;
  stationName: string;
  stationAddress: string;
  deliveryLabel: string;
  address: string;
  submittedAt: string;
  reason: string;
  deadline: string;
  history: HistoryView[];
}

const statusLabel = (s: ApplicationStatus | null) => (s ? APPLICATION_STATUS_WORDS[s].label : '');

function toView(a: Application): ApplicationView {
  return {
    id: a.id,
    status: a.status,
    statusLabel: statusLabel(a.status),
    statusTone: APPLICATION_STATUS_TONE[a.status],
    statusHint: APPLICATION_STATUS_WORDS[a.status].hint,
    kindLabel: KIND_WORDS[a.kind] || KIND_WORDS.new,
    categoryLabel: categoryLabel(a.category),
    stationName: a.station ? a.station.name : '',
    stationAddress: a.station ? a.station.address : '',
    deliveryLabel: a.delivery === 'mail' ? '邮寄到家' : '到服务站领取',
    address: a.delivery === 'mail' && a.address ? a.address : '',
    submittedAt: a.submittedAt ? formatDateTime(a.submittedAt) : '',
    reason: (a.status === 'needs_info' || a.status === 'rejected') && a.reason ? a.reason : '',
    deadline: a.status === 'needs_info' && a.needsInfoDeadline ? formatDateTime(a.needsInfoDeadline) : '',
    // Newest step first: that is the one the holder comes to read.
    history: a.history
      .map((h, i) => ({
        key: i,
        fromLabel: statusLabel(h.from),
        toLabel: statusLabel(h.to),
        when: formatDateTime(h.at),
        by: ACTOR_WORDS[h.by] || h.by,
        reason: h.reason || '',
      }))
      .reverse(),
  };
}

/**
 * 申请进度: one application, its status in words, why it was sent back and by when to answer,
 * every step so far, and exactly the buttons the server allows now. Without an id, the newest.
 */
Component({
  data: {
    rootFontSize: '',
    queryId: 0,
    loading: true,
    loaded: false,
    error: '',
    empty: false,
    app: null as ApplicationView | null,
    actions: [] as ActionView[],
    busy: false,
    actionError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ rootFontSize: rootFontSize(), queryId: Number((query && query.id) || 0) });
      void this.load();
    },

    onShow(): void {
      // Back from the form: show the application as it now stands.
      if (this.data.loaded && !this.data.busy) void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      wx.stopPullDownRefresh();
    },

    async load(): Promise<void> {
      this.setData({ loading: !this.data.loaded, error: '' });
      try {
        const id = this.data.app ? this.data.app.id : this.data.queryId;
        let app: Application | null;
        if (id) app = await get(id);
        else {
          const page = await mine();
          app = page.items.length ? page.items[0] : null;
        }
        this.show(app);
        this.setData({ loading: false, loaded: true });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },

    show(app: Application | null): void {
      this.setData({
        empty: !app,
        app: app ? toView(app) : null,
        actions: app ? toActions(app.allowedActions, app.status) : [],
      });
    },

    act(e: WechatMiniprogram.CustomEvent): void {
      const action = String(e.currentTarget.dataset.action);
      const app = this.data.app;
      if (!app || this.data.busy) return;
      this.setData({ actionError: '' });
      if (action === 'edit') {
        wx.navigateTo({ url: `/packages/card/pages/apply/apply?id=${app.id}` });
      } else if (action === 'submit' || action === 'resubmit') {
        void this.run(() => submit(app.id), '已提交');
      } else if (action === 'withdraw') {
        wx.showModal({
          title: '撤回申请',
          content: '撤回后这份申请将不再审核，需要时可重新申请。确定撤回吗？',
          confirmText: '撤回',
          cancelText: '再想想',
          success: (res) => {
            if (res.confirm) void this.run(() => withdraw(app.id), '已撤回');
          },
        });
      }
    },

    async run(call: () => Promise<Application>, done: string): Promise<void> {
      this.setData({ busy: true, actionError: '' });
      try {
        const app = await call();
        this.show(app);
        this.setData({ busy: false });
        wx.showToast({ title: done, icon: 'success' });
      } catch (err) {
        this.setData({ busy: false, actionError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    openEligibility(): void {
      wx.navigateTo({ url: '/packages/card/pages/eligibility/eligibility' });
    },
  },
});
