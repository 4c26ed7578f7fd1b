import type { Principal } from '../../lib/principal';
import type { KnowledgeAnswer, Understanding } from './assistant/intents';
import type { LiveAnswers } from './chat-live-answers';
import { CHAT_PAGES, isChatPage, pageWith } from './chat.pages';
import { needsPerson } from './handover-triggers';
import {
  FEEDBACK_REPLIES,
  sendReply,
  SUGGESTIONS,
  type AnswerSource,
  type QuickReply,
  type ReplyDraft,
} from './chat.replies';

/** What the assistant is asked to answer. */
export interface AnswerRequest {
  principal: Principal;
  understanding: Understanding;
  location?: { lat: number; lng: number };
  now: Date;
}

/**
 * The assistant's answer, prepared before the transaction that writes it. For "I don't know" and
 * "a person, please" it also holds the message saying the conversation is handed over: whether it
 * is, the conversation's state and its run of unknowns decide, under the conversation's lock.
 */
export interface PreparedAnswer {
  reply: ReplyDraft;
  handover?: ReplyDraft;
  /** The message needs a person though the holder did not ask for one (a complaint, a dispute). */
  escalate?: true;
}

/** What the handover message promises; outside business hours the inbox says when staff are back instead. */
export const HANDOVER_SOON = '工作人员会尽快在这里回复您，请稍候。';

/** `[文字](/packages/…)` in a knowledge-base answer. */
const LINK = /(：)?\[([^\]\n]+)\]\(([^)\s]+)\)/g;

const LEGAL_CHOICES: QuickReply[] = [
  sendReply('legal.consultation'),
  sendReply('legal.legal_aid'),
  sendReply('legal.mediation'),
  sendReply('legal.counselling'),
];

/** Turns an understanding into the assistant's answer: live data, the knowledge base, or plain words. */
export class AnswerBuilder {
  constructor(private readonly live: LiveAnswers) {}

  async prepare(req: AnswerRequest): Promise<PreparedAnswer> {
    if (needsPerson(req.understanding)) {
      const handover = this.handover('escalate', await this.live.contact(req.principal));
      return { reply: handover, handover, escalate: true };
    }
    const answered = await this.answer(req);
    if (typeof answered !== 'string') return { reply: withPersonChip(answered) };
    const contact = await this.live.contact(req.principal);
    const handover = this.handover(answered, contact);
    return { reply: answered === 'ask_person' ? handover : this.unknown(contact), handover };
  }

  /** The answer, or which of the two answers that may hand the conversation over applies. */
  private async answer({
    principal,
    understanding: u,
    location,
    now,
  }: AnswerRequest): Promise<ReplyDraft | 'unknown' | 'ask_person'> {
    switch (u.intent) {
      case 'card_status':
        return this.live.cardStatus(principal);
      case 'card_show':
        return this.live.cardShow(principal);
      case 'card_apply':
        return this.cardApply(u.knowledge);
      case 'card_lost': {
        const quoted = u.knowledge ? fromKnowledge(u.knowledge) : undefined;
        const draft = await this.live.cardLost(principal, quoted?.text);
        return quoted ? { ...draft, source: quoted.source, quickReplies: quoted.quickReplies } : draft;
      }
      case 'nearby_discounts':
        return this.live.nearby(location);
      case 'legal_services':
        if (u.legalService) return this.live.legalTimes(u.legalService, 'legal_free_times');
        return this.legalServices(u.knowledge);
      case 'legal_free_times':
      case 'legal_book':
        return this.live.legalTimes(u.legalService ?? 'consultation', u.intent);
      case 'legal_my_appointments':
        return this.live.myAppointments(principal, now);
      case 'notices':
        return this.live.notices(principal);
      case 'appeal_status':
        return this.live.appealStatus(principal);
      case 'appeal_file':
        return this.appealFile();
      case 'jobs':
        return this.live.jobs();
      case 'lodging':
        return this.live.lodging();
      case 'policy':
        return u.knowledge ? { ...fromKnowledge(u.knowledge), intent: 'policy' } : 'unknown';
      case 'greeting':
        return {
          intent: 'greeting',
          text: '您好！有什么可以帮您？可以直接输入问题，或点下面的选项。',
          quickReplies: SUGGESTIONS,
        };
      case 'thanks':
        return { intent: 'thanks', text: '不客气，能帮上忙就好。还有问题随时问我。' };
      case 'ask_person':
        return 'ask_person';
      default:
        return 'unknown';
    }
  }

  /** How to bring a problem to the bureau (诉求) or ask staff to do a task for the holder (代办). */
  private appealFile(): ReplyDraft {
    return {
      intent: 'appeal_file',
      text: '遇到待遇保障、安置就业、生活困难等问题，可以直接反映诉求，服务站受理后会告诉您办结的日期；行动不便、需要代取证件或代办手续的，可以申请代办。每一步进展都会在这里告诉您。',
      card: {
        title: '反映诉求 · 申请代办',
        lines: ['提交 → 服务站受理（承诺办结日期）→ 办理 → 办结 → 您确认或评价'],
        button: { label: '反映诉求', page: pageWith(CHAT_PAGES.appealsNew, { kind: 'appeal' }) },
      },
      quickReplies: [
        { id: 'errand_new', label: '申请代办', page: pageWith(CHAT_PAGES.appealsNew, { kind: 'errand' }) },
        sendReply('appeal_status', '我的诉求'),
      ],
    };
  }

  private cardApply(knowledge: KnowledgeAnswer | undefined): ReplyDraft {
    const card = {
      title: '申请优待证',
      lines: ['资格自测 → 填写申请 → 服务站初审 → 区退役军人事务局审核 → 制卡发放'],
      button: { label: '开始申请', page: CHAT_PAGES.cardEligibility },
    };
    if (knowledge) return { ...fromKnowledge(knowledge), intent: 'card_apply', card };
    return {
      intent: 'card_apply',
      text: '退役军人和烈士、因公牺牲军人、病故军人的遗属可以申请优待证。先在小程序里做资格自测，再上传证件照和材料提交申请，服务站和区退役军人事务局审核通过后制卡发放。',
      card,
    };
  }

  private legalServices(knowledge: KnowledgeAnswer | undefined): ReplyDraft {
    const choices = [...LEGAL_CHOICES, { id: 'legal_providers', label: '看服务人员', page: CHAT_PAGES.legalProviders }];
    if (knowledge) {
      const quoted = fromKnowledge(knowledge);
      return { ...quoted, intent: 'legal_services', quickReplies: [...choices, ...(quoted.quickReplies ?? [])] };
    }
    return {
      intent: 'legal_services',
      text: '我们为退役军人和家属免费提供四项服务：法律咨询、法律援助、人民调解、心理疏导。您想预约哪一项？',
      quickReplies: choices,
    };
  }

  private unknown(contact: { name: string; phone: string } | null): ReplyDraft {
    const call = contact ? `也可以致电${contact.name}：${contact.phone}。` : '';
    return {
      intent: 'unknown',
      text: `抱歉，这个问题我还回答不了。您可以换个说法再问我，或者转人工客服。${call}`,
      quickReplies: [sendReply('ask_person'), sendReply('card_status'), sendReply('legal_services')],
    };
  }

  private handover(
    why: 'unknown' | 'ask_person' | 'escalate',
    contact: { name: string; phone: string } | null,
  ): ReplyDraft {
    const call = contact ? `着急的话也可以致电${contact.name}：${contact.phone}。` : '';
    const lead = {
      ask_person: '好的，已为您转接人工客服',
      unknown: '这个问题我还回答不了，已为您转接人工客服',
      escalate: '您反映的情况需要工作人员处理，已为您转接人工客服',
    }[why];
    return {
      intent: why === 'unknown' ? 'unknown' : 'ask_person',
      text: `${lead}，${HANDOVER_SOON}${call}`,
    };
  }
}

/** Every answer offers a person too: 转人工 last among its chips (once). */
function withPersonChip(draft: ReplyDraft): ReplyDraft {
  const chips = draft.quickReplies ?? [];
  if (chips.some((q) => q.id === 'ask_person')) return draft;
  return { ...draft, quickReplies: [...chips, sendReply('ask_person')] };
}

/**
 * A knowledge-base answer as a message: its links to pages become chips (only to pages the
 * mini-program has; any other link stays as its words), then 有用 / 没用.
 */
export function fromKnowledge(k: KnowledgeAnswer): Omit<ReplyDraft, 'intent'> & { source: AnswerSource } {
  const links: QuickReply[] = [];
  // A link becomes a button under the answer, and the sentence names the button: "…自查：点下方「资格自查」"
  // rather than "…自查：资格自查" with nothing to tap in the text.
  const text = k.answer.replace(LINK, (_whole, colon: string | undefined, words: string, target: string) => {
    if (!isChatPage(target) || links.length >= 3) return `${colon ?? ''}${words}`;
    links.push({ id: `link.${links.length + 1}`, label: words, page: target.replace(/^\//, '') });
    return colon ? `：点下方「${words}」` : `「${words}」`;
  });
  return {
    text,
    quickReplies: [...links, ...FEEDBACK_REPLIES],
    source: {
      entryId: k.id,
      document: k.source.document,
      article: k.source.article,
      issuer: k.source.issuer,
      effectiveDate: k.source.effectiveDate,
    },
  };
}
