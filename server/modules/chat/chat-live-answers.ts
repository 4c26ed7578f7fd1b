import type { Principal } from '../../lib/principal';
import type { AppealsService } from '../appeals/appeals.service';
import { APPEAL_STATUS_WORDS, KIND_WORDS as APPEAL_KIND_WORDS } from '../appeals/appeals.types';
import type { ApplicationsService, ApplicationStatusSummary } from '../cards/applications.service';
import type { CardService } from '../cards/card.service';
import type { PostingsService } from '../employment/postings.service';
import type { LodgingService } from '../lodging/lodging.service';
import type { BookingService } from '../legal-aid/booking.service';
import { MODE_WORDS, SERVICE_WORDS, type ServiceType } from '../legal-aid/legal-aid.types';
import type { ProvidersService } from '../legal-aid/providers.service';
import type { BrowseService } from '../merchants/browse.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { StaffService } from '../staff/staff.service';
import { CHAT_PAGES, pageWith } from './chat.pages';
import { sendReply, type QuickReply, type ReplyDraft } from './chat.replies';
import { spokenDate, spokenDay, spokenDistance, spokenTime } from './chat-words';

/** The reads the assistant makes of other modules, each through that module's service. */
export interface LiveServices {
  applications: Pick<ApplicationsService, 'statusOf'>;
  cards: Pick<CardService, 'findMine'>;
  browse: Pick<BrowseService, 'nearby'>;
  providers: Pick<ProvidersService, 'nextOpenSlots'>;
  booking: Pick<BookingService, 'mine'>;
  notifications: Pick<NotificationsService, 'timeline'>;
  staff: Pick<StaffService, 'listStations'>;
  appeals: Pick<AppealsService, 'mine'>;
  postings: Pick<PostingsService, 'browse'>;
  lodging: Pick<LodgingService, 'openHotels'>;
}

/** How far "nearby" reaches. */
const NEARBY_RADIUS_KM = 5;
/** Items an answer lists before pointing to the page with all of them. */
const SHOWN = 3;

const KIND_WORDS = { new: '申领', reissue: '补领', exchange: '换领' } as const;

/** Answers built from live data: what the holder's application, card, bookings and notices are now. */
export class LiveAnswers {
  constructor(private readonly live: LiveServices) {}

  /** Where the latest application stands, what comes next, the deadline if it was sent back. */
  async cardStatus(principal: Principal): Promise<ReplyDraft> {
    const s = await this.live.applications.statusOf(principal);
    if (!s) {
      return {
        intent: 'card_status',
        text: '您还没有优待证申请。退役军人和烈士、因公牺牲军人、病故军人的遗属都可以申请，先做个资格自测吧。',
        card: {
          title: '申请优待证',
          lines: ['资格自测 → 填写申请 → 服务站初审 → 区退役军人事务局审核 → 制卡发放'],
          button: { label: '开始申请', page: CHAT_PAGES.cardEligibility },
        },
      };
    }
    const button =
      s.status === 'issued'
        ? { label: '出示电子优待证', page: CHAT_PAGES.card }
        : { label: '查看申请', page: CHAT_PAGES.application(s.id) };
    return {
      intent: 'card_status',
      text: `您的优待证${KIND_WORDS[s.kind]}申请目前是“${s.phrase}”。${s.remark}。${this.sentBack(s)}`,
      card: { title: '优待证申请进度', lines: this.statusLines(s), button },
    };
  }

  /** The electronic card's page, or how to get a card. */
  async cardShow(principal: Principal): Promise<ReplyDraft> {
    const mine = await this.live.cards.findMine(principal);
    if (!mine) return { ...(await this.cardStatus(principal)), intent: 'card_show' };
    if (mine.card.status !== 'active') {
      return {
        intent: 'card_show',
        text: '您的优待证目前不能出示（已挂失、已更换或已注销），详情请在优待证页面查看。',
        card: { title: '我的优待证', lines: [], button: { label: '查看优待证', page: CHAT_PAGES.card } },
      };
    }
    return {
      intent: 'card_show',
      text: '请打开电子优待证，把二维码给商户扫一扫。二维码一分钟内有效，用过即失效。',
      card: {
        title: '电子优待证',
        lines: ['商户核验时出示二维码'],
        button: { label: '出示电子优待证', page: CHAT_PAGES.card },
      },
    };
  }

  /** What to do about a lost card, by the card's state: report it lost, or apply for the reissue. */
  async cardLost(principal: Principal, explanation?: string): Promise<ReplyDraft> {
    const mine = await this.live.cards.findMine(principal);
    const status = mine?.card.status;
    if (status === 'active') {
      return {
        intent: 'card_lost',
        text: explanation ?? '优待证丢了请先挂失：挂失后证件立即停用，别人捡到也无法使用；挂失后可以申请补领。',
        card: {
          title: '优待证挂失',
          lines: ['第一步：在“我的优待证”页面挂失', '第二步：申请补领，重新提交照片'],
          button: { label: '去挂失', page: CHAT_PAGES.card },
        },
      };
    }
    if (status === 'reported_lost') {
      return {
        intent: 'card_lost',
        text: explanation ?? '您的优待证已经挂失，现在可以申请补领。',
        card: {
          title: '申请补领',
          lines: ['补领需重新上传符合要求的照片'],
          button: { label: '申请补领', page: pageWith(CHAT_PAGES.cardApply, { kind: 'reissue' }) },
        },
      };
    }
    return {
      intent: 'card_lost',
      text: explanation ?? '您目前没有在用的优待证。如果之前的证件丢失了，请联系服务站核实后办理。',
      card: { title: '我的优待证', lines: [], button: { label: '查看优待证', page: CHAT_PAGES.card } },
    };
  }

  /** The nearest three merchants with an offer, or a request for the phone's location. */
  async nearby(location: { lat: number; lng: number } | undefined): Promise<ReplyDraft> {
    if (!location) {
      return {
        intent: 'nearby_discounts',
        text: '请发送您的位置，我帮您找附近的拥军优待商户。',
        quickReplies: [
          sendReply('nearby.location'),
          { id: 'merchant_list', label: '看全部商户', page: CHAT_PAGES.merchantList },
        ],
      };
    }
    const listings = await this.live.browse.nearby({ ...location, radiusKm: NEARBY_RADIUS_KM, limit: 20 });
    const withOffers = listings.filter((l) => l.offers.length > 0).slice(0, SHOWN);
    const button = { label: '查看全部商户', page: CHAT_PAGES.merchantList };
    if (withOffers.length === 0) {
      return {
        intent: 'nearby_discounts',
        text: `您附近 ${NEARBY_RADIUS_KM} 公里内暂时没有拥军优待商户，可以在商户列表里按分类查找。`,
        card: { title: '附近的优待商户', lines: [], button },
      };
    }
    return {
      intent: 'nearby_discounts',
      text: `离您最近的 ${withOffers.length} 家拥军优待商户：`,
      card: {
        title: '附近的优待商户',
        lines: withOffers.map((l) => `${l.merchant.name}（${spokenDistance(l.distanceM ?? 0)}）：${l.offers[0].title}`),
        button,
      },
    };
  }

  /** The next three free times of a legal service, each a chip that opens its booking page. */
  async legalTimes(serviceType: ServiceType, intent: 'legal_free_times' | 'legal_book'): Promise<ReplyDraft> {
    const words = SERVICE_WORDS[serviceType];
    const next = await this.live.providers.nextOpenSlots(serviceType, SHOWN);
    const button = { label: '查看全部服务人员', page: pageWith(CHAT_PAGES.legalProviders, { serviceType }) };
    if (next.length === 0) {
      return {
        intent,
        text: `${words}近期的时段都约满了，可以查看服务人员并加入候补。`,
        card: { title: `${words}可预约时间`, lines: [], button },
      };
    }
    const quickReplies: QuickReply[] = next.map(({ slot, provider }) => ({
      id: `book.${slot.id}`,
      label: `约 ${spokenTime(slot.startsAt)}`,
      page: pageWith(CHAT_PAGES.legalBook, {
        slotId: slot.id,
        serviceType,
        serviceTypes: slot.serviceTypes,
        modes: slot.modes,
        startsAt: slot.startsAt.toISOString(),
        providerName: provider.name,
      }),
    }));
    return {
      intent,
      text: `${words}最近可以预约的时间：`,
      card: {
        title: `${words}可预约时间`,
        lines: next.map(
          ({ slot, provider }) =>
            `${spokenTime(slot.startsAt)} ${provider.name}（${slot.modes
              .split(',')
              .map((m) => MODE_WORDS[m as keyof typeof MODE_WORDS] ?? m)
              .join('/')}）`,
        ),
        button,
      },
      quickReplies,
    };
  }

  /** The holder's coming appointments. */
  async myAppointments(principal: Principal, now: Date): Promise<ReplyDraft> {
    const mine = await this.live.booking.mine(principal);
    const coming = mine.appointments
      .filter((a) => (a.status === 'booked' || a.status === 'checked_in') && a.startsAt.getTime() > now.getTime())
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const button = { label: '查看我的预约', page: CHAT_PAGES.legalAppointments };
    if (coming.length === 0) {
      return {
        intent: 'legal_my_appointments',
        text: '您目前没有待进行的法律服务预约。',
        card: { title: '我的预约', lines: [], button },
        quickReplies: [sendReply('legal_services', '预约法律服务')],
      };
    }
    return {
      intent: 'legal_my_appointments',
      text: `您有 ${coming.length} 个待进行的预约：`,
      card: {
        title: '我的预约',
        lines: coming.slice(0, SHOWN).map((a) => {
          const provider = mine.providers.get(a.providerId)?.name ?? '';
          return `${spokenTime(a.startsAt)} ${SERVICE_WORDS[a.serviceType]} ${provider}（${MODE_WORDS[a.mode]}）`;
        }),
        button,
      },
    };
  }

  /**
   * Where the holder's appeals and errands stand: those still open first (with the promised day once
   * accepted), then a settled one waiting for the holder's confirmation.
   */
  async appealStatus(principal: Principal): Promise<ReplyDraft> {
    const recent = await this.live.appeals.mine(principal, { limit: 20 });
    const button = { label: '查看我的诉求', page: CHAT_PAGES.appealsList };
    const fileChips: QuickReply[] = [
      { id: 'appeal_new', label: '反映诉求', page: pageWith(CHAT_PAGES.appealsNew, { kind: 'appeal' }) },
      { id: 'errand_new', label: '申请代办', page: pageWith(CHAT_PAGES.appealsNew, { kind: 'errand' }) },
    ];
    const open = recent.filter((a) => a.status !== 'confirmed' && a.status !== 'rejected');
    if (open.length === 0) {
      return {
        intent: 'appeal_status',
        text:
          recent.length === 0
            ? '您还没有提交过诉求或代办。遇到待遇、安置、生活上的困难，可以在这里反映；行动不便的，可以申请工作人员代办。'
            : '您提交的诉求和代办都已办结。',
        card: { title: '我的诉求', lines: [], button },
        quickReplies: fileChips,
      };
    }
    const lines = open.slice(0, SHOWN).map((a) => {
      const what = `${APPEAL_KIND_WORDS[a.kind]}（${a.category}）${spokenDate(a.createdAt)}提交：${APPEAL_STATUS_WORDS[a.status]}`;
      if (a.status === 'resolved') return `${what}，请确认办理结果`;
      return a.promisedDate ? `${what}，承诺 ${spokenDay(a.promisedDate)}前办结` : what;
    });
    const one = open.length === 1 ? open[0] : null;
    return {
      intent: 'appeal_status',
      text: `您有 ${open.length} 件诉求或代办正在办理：`,
      card: {
        title: '我的诉求',
        lines,
        button: one ? { label: '查看办理进度', page: CHAT_PAGES.appeal(one.id) } : button,
      },
    };
  }

  /** The newest postings of 就业超市, with the job fairs and the holder's applications a tap away. */
  async jobs(): Promise<ReplyDraft> {
    const { rows, names } = await this.live.postings.browse({ limit: SHOWN });
    const button = { label: '打开就业超市', page: CHAT_PAGES.jobs };
    const quickReplies: QuickReply[] = [
      { id: 'job_fairs', label: '招聘会', page: CHAT_PAGES.jobFairs },
      { id: 'my_job_applications', label: '我的求职', page: CHAT_PAGES.jobApplications },
    ];
    if (rows.length === 0) {
      return {
        intent: 'jobs',
        text: '就业超市暂时没有在招的岗位，新岗位发布后可以在这里看到，也可以留意招聘会。',
        card: { title: '就业超市', lines: [], button },
        quickReplies,
      };
    }
    return {
      intent: 'jobs',
      text: '就业超市最新的岗位，退役军人优先的会标出来：',
      card: {
        title: '就业超市',
        lines: rows.map(
          (p) =>
            `${p.title}（${names.get(p.employerId) ?? ''}）${p.salaryMin}–${p.salaryMax} 元/月${p.veteranPreferred ? '，退役军人优先' : ''}`,
        ),
        button,
      },
      quickReplies,
    };
  }

  /** 军人驿站 with free rooms tonight and over the next days. */
  async lodging(): Promise<ReplyDraft> {
    const hotels = await this.live.lodging.openHotels();
    const button = { label: '查看军人驿站', page: CHAT_PAGES.lodging };
    if (hotels.length === 0) {
      return {
        intent: 'lodging',
        text: '本区暂时没有开放的军人驿站。',
        card: { title: '军人驿站', lines: [], button },
      };
    }
    return {
      intent: 'lodging',
      text: '现役军人和随行家属出行途中，可以在军人驿站免费住一晚，入住时出示军官证、士兵证或军属证明：',
      card: {
        title: '军人驿站',
        lines: hotels.slice(0, SHOWN).map((h) => {
          const tonight = h.nights[0]?.free ?? 0;
          const later = h.nights.slice(1).some((n) => n.free > 0);
          return `${h.hotel.name}：${tonight > 0 ? `今晚还有 ${tonight} 间` : later ? '今晚已满，之后几天有空房' : '近期已约满'}`;
        }),
        button,
      },
      quickReplies: [{ id: 'my_lodging', label: '我的驿站预订', page: CHAT_PAGES.lodgingBookings }],
    };
  }

  /** The latest notices, pointing to the 消息 page. */
  async notices(principal: Principal): Promise<ReplyDraft> {
    const latest = await this.live.notifications.timeline(principal, { limit: SHOWN });
    const button = { label: '查看全部消息', page: CHAT_PAGES.timeline };
    if (latest.length === 0) {
      return { intent: 'notices', text: '您目前没有新的通知。', card: { title: '我的消息', lines: [], button } };
    }
    return {
      intent: 'notices',
      text: '这是您最近的通知：',
      card: { title: '最近的通知', lines: latest.map((n) => `${spokenDate(n.createdAt)} ${n.title}`), button },
    };
  }

  /**
   * Who the holder can call: the station of their latest application, else the first station with a
   * phone. Null when no station has one.
   */
  async contact(principal: Principal): Promise<{ name: string; phone: string } | null> {
    const s = await this.live.applications.statusOf(principal);
    if (s?.station?.phone) return { name: s.station.name, phone: s.station.phone };
    const stations = await this.live.staff.listStations();
    const any = stations.find((st) => st.phone);
    return any?.phone ? { name: any.name, phone: any.phone } : null;
  }

  private sentBack(s: ApplicationStatusSummary): string {
    if (s.status === 'needs_info' && s.needsInfoDeadline) {
      return `退回原因：${s.reason ?? '材料需要补充'}。请在 ${spokenTime(s.needsInfoDeadline)} 前修改后重新提交，逾期申请将自动撤回。`;
    }
    if (s.status === 'rejected' && s.reason) return `原因：${s.reason}。`;
    return '';
  }

  private statusLines(s: ApplicationStatusSummary): string[] {
    const lines = [`状态：${s.phrase}`, `下一步：${s.remark}`];
    if (s.status === 'needs_info' && s.needsInfoDeadline) lines.push(`补充截止：${spokenTime(s.needsInfoDeadline)}`);
    if (s.reason && (s.status === 'needs_info' || s.status === 'rejected')) lines.push(`原因：${s.reason}`);
    if (s.station) lines.push(`办理服务站：${s.station.name}`);
    return lines;
  }
}
