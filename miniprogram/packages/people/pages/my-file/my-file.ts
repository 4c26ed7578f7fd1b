import type { ApiResult } from '../../../../services/api-types';
import { APPLICATION_STATUS_WORDS, CARD_STATUS_WORDS } from '../../../../services/cards';
import { categoryLabel } from '../../../../services/people';
import { messageOf, request } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDate, formatDateTime } from '../../../../utils/format';

/** The holder's own file in brief, as the server gives it. */
export type MyFile = ApiResult<'/api/v1/roster/me'>;

/** The five life-cycle stages, in order. */
const STAGES: Array<{ key: string; label: string }> = [
  { key: 'enlisted', label: '入伍' },
  { key: 'serving', label: '服役' },
  { key: 'retired', label: '退役' },
  { key: 'employed', label: '就业' },
  { key: 'privileged', label: '优待' },
];
const SERVICE_WORDS: Record<string, string> = {
  consultation: '法律咨询',
  legal_aid: '法律援助',
  mediation: '人民调解',
  counselling: '心理疏导',
};
const MODE_WORDS: Record<string, string> = { onsite: '到服务点', phone: '电话', video: '视频' };
const APPEAL_KIND_WORDS: Record<string, string> = { appeal: '诉求', errand: '代办' };
const APPEAL_STATUS_WORDS: Record<string, string> = {
  submitted: '等待服务站受理',
  accepted: '服务站已受理',
  in_progress: '正在办理',
  resolved: '已办结，请您确认',
  confirmed: '已办完',
  rejected: '未受理',
};

const word = (map: Record<string, string>, key: string) => map[key] || key;

const APPLICATION_PAGE = '/packages/card/pages/application/application';
const CARD_PAGE = '/packages/card/pages/card/card';
const APPLY_PAGE = '/packages/card/pages/eligibility/eligibility';
const APPOINTMENTS_PAGE = '/packages/legal-aid/pages/appointments/appointments';
const APPEALS_PAGE = '/packages/appeals/pages/list/list';

/** What the page shows, in plain words. */
function toView(f: MyFile) {
  const stageAt = f.roster ? STAGES.findIndex((s) => s.key === f.roster!.stage) : -1;
  const { card, latestApplication } = f.card;
  let cardLine = '您还没有申请优待证。';
  let cardAction: { label: string; url: string } = { label: '申请优待证', url: APPLY_PAGE };
  if (card) {
    cardLine = `您的优待证：${CARD_STATUS_WORDS[card.status as keyof typeof CARD_STATUS_WORDS]?.label ?? card.status}，${formatDate(card.issuedAt)}发放。`;
    cardAction = { label: '查看电子优待证', url: CARD_PAGE };
  } else if (latestApplication) {
    const status = APPLICATION_STATUS_WORDS[latestApplication.status as keyof typeof APPLICATION_STATUS_WORDS];
    cardLine = `优待证申请：${status ? status.label : latestApplication.status}。`;
    cardAction = { label: '查看申请进度', url: `${APPLICATION_PAGE}?id=${latestApplication.id}` };
  }
  const a = f.appointments;
  const next = a.next;
  const appeals = f.appeals;
  return {
    identity: f.identity
      ? {
          name: f.identity.name,
          categoryLabel: categoryLabel(f.identity.category),
          idNumberMasked: f.identity.idNumberMasked,
        }
      : null,
    roster: f.roster
      ? {
          categoryLabel: categoryLabel(f.roster.category),
          stationName: f.roster.station.name,
          stageLabel: stageAt >= 0 ? STAGES[stageAt].label : f.roster.stage,
        }
      : null,
    stages: STAGES.map((s, i) => ({
      key: s.key,
      label: s.label,
      state: i < stageAt ? 'past' : i === stageAt ? 'now' : 'later',
    })),
    cardLine,
    cardAction,
    appointmentLine: a.total
      ? `共预约过 ${a.total} 次${a.upcoming ? `，其中 ${a.upcoming} 次还没到时间` : ''}。`
      : '您还没有预约过法律服务。',
    nextAppointment: next
      ? `下一次：${formatDateTime(next.startsAt)}，${word(SERVICE_WORDS, next.serviceType)}（${word(MODE_WORDS, next.mode)}）`
      : '',
    appealLine: appeals.total
      ? `共提过 ${appeals.total} 件${appeals.open ? `，其中 ${appeals.open} 件正在办理` : '，都已办完或有了答复'}。`
      : '您还没有提过诉求或代办。',
    latestAppeal: appeals.latest
      ? `最近一件：${word(APPEAL_KIND_WORDS, appeals.latest.kind)} · ${appeals.latest.category}，${word(APPEAL_STATUS_WORDS, appeals.latest.status)}`
      : '',
  };
}

type View = ReturnType<typeof toView>;

/**
 * 我的档案: whether the holder is on the bureau's roster (建档立卡), their category, station and
 * life-cycle stage, and where their 优待证, legal-aid appointments and appeals stand, each with a
 * way to the page that has the details. The ID number stays masked.
 */
Component({
  data: {
    rootFontSize: '',
    loading: true,
    loadError: '',
    view: null as View | null,
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
      this.setData({ loading: this.data.view === null, loadError: '' });
      try {
        const f = await request<MyFile>('/api/v1/roster/me');
        this.setData({ loading: false, view: toView(f) });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load();
    },

    openCard(): void {
      if (this.data.view) wx.navigateTo({ url: this.data.view.cardAction.url });
    },

    openAppointments(): void {
      wx.navigateTo({ url: APPOINTMENTS_PAGE });
    },

    openAppeals(): void {
      wx.navigateTo({ url: APPEALS_PAGE });
    },

    openMe(): void {
      wx.navigateBack({ fail: () => wx.redirectTo({ url: '/pages/me/me' }) });
    },
  },
});
