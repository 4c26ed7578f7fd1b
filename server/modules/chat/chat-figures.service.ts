import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { shanghaiDate, shanghaiWeekday } from '../../lib/working-days';
import { ChatConversationEvent } from './chat-conversation-event.entity';
import { ChatMessage } from './chat-message.entity';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;
/** Intents listed per week, most asked first. */
const TOP_INTENTS = 5;

/** One week of the assistant's work, Monday to Sunday in Asia/Shanghai. */
export interface WeekFigures {
  /** The Monday, `YYYY-MM-DD`. */
  weekStart: string;
  holderMessages: number;
  /** Holders' messages the assistant answered itself (not "I don't know", not handed over). */
  answeredByAssistant: number;
  answeredRate: number | null;
  /** Holders' messages the assistant did not understand: what the knowledge base is missing. */
  notUnderstood: number;
  useful: number;
  notUseful: number;
  /** 有用 among the answers rated that week. */
  usefulRate: number | null;
  /** Conversations in which a holder wrote that week. */
  conversations: number;
  handovers: number;
  /** Handovers per conversation with a holder's message that week. */
  handoverRate: number | null;
  topIntents: Array<{ intent: string; count: number }>;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Staff's figures on the assistant: how much it answers, how often it helps, how often people need a person. */
export class ChatFiguresService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The last `weeks` weeks, this one (so far) last. */
  async weekly(weeks: number): Promise<WeekFigures[]> {
    const thisMonday = mondayOf(this.clock.now());
    const out: WeekFigures[] = [];
    for (let i = weeks - 1; i >= 0; i--) {
      const from = new Date(thisMonday - i * 7 * DAY);
      out.push(await this.week(from, new Date(from.getTime() + 7 * DAY)));
    }
    return out;
  }

  private async week(from: Date, to: Date): Promise<WeekFigures> {
    const [asked, feedback, handovers, topIntents] = await Promise.all([
      this.asked(from, to),
      this.feedback(from, to),
      this.handovers(from, to),
      this.topIntents(from, to),
    ]);
    return {
      weekStart: shanghaiDate(from),
      holderMessages: asked.messages,
      answeredByAssistant: asked.answered,
      answeredRate: rate(asked.answered, asked.messages),
      notUnderstood: asked.notUnderstood,
      useful: feedback.useful,
      notUseful: feedback.notUseful,
      usefulRate: rate(feedback.useful, feedback.useful + feedback.notUseful),
      conversations: asked.conversations,
      handovers,
      handoverRate: rate(handovers, asked.conversations),
      topIntents,
    };
  }

  private async asked(from: Date, to: Date) {
    const row = await this.db.manager
      .createQueryBuilder(ChatMessage, 'm')
      .select('COUNT(*)', 'messages')
      .addSelect('SUM(m.answered_by_assistant)', 'answered')
      .addSelect('COUNT(DISTINCT m.conversation_id)', 'conversations')
      .addSelect("SUM(CASE WHEN m.intent = 'unknown' THEN 1 ELSE 0 END)", 'not_understood')
      .where('m.sender = :holder AND m.created_at >= :from AND m.created_at < :to', { holder: 'holder', from, to })
      .getRawOne<{ messages: unknown; answered: unknown; conversations: unknown; not_understood: unknown }>();
    return {
      messages: Number(row?.messages ?? 0),
      answered: Number(row?.answered ?? 0),
      notUnderstood: Number(row?.not_understood ?? 0),
      conversations: Number(row?.conversations ?? 0),
    };
  }

  private async feedback(from: Date, to: Date) {
    const rows = await this.db.manager
      .createQueryBuilder(ChatMessage, 'm')
      .select('m.feedback', 'feedback')
      .addSelect('COUNT(*)', 'n')
      .where('m.sender = :assistant AND m.created_at >= :from AND m.created_at < :to', {
        assistant: 'assistant',
        from,
        to,
      })
      .andWhere('m.feedback IS NOT NULL')
      .groupBy('m.feedback')
      .getRawMany<{ feedback: string; n: unknown }>();
    const count = (f: string) => Number(rows.find((r) => r.feedback === f)?.n ?? 0);
    return { useful: count('useful'), notUseful: count('not_useful') };
  }

  private async handovers(from: Date, to: Date): Promise<number> {
    return this.db.manager
      .createQueryBuilder(ChatConversationEvent, 'e')
      .where('e.action = :action AND e.created_at >= :from AND e.created_at < :to', { action: 'hand_over', from, to })
      .getCount();
  }

  private async topIntents(from: Date, to: Date): Promise<Array<{ intent: string; count: number }>> {
    const rows = await this.db.manager
      .createQueryBuilder(ChatMessage, 'm')
      .select('m.intent', 'intent')
      .addSelect('COUNT(*)', 'n')
      .where('m.sender = :holder AND m.created_at >= :from AND m.created_at < :to', { holder: 'holder', from, to })
      .andWhere('m.intent IS NOT NULL')
      .groupBy('m.intent')
      .orderBy('n', 'DESC')
      .addOrderBy('m.intent', 'ASC')
      .limit(TOP_INTENTS)
      .getRawMany<{ intent: string; n: unknown }>();
    return rows.map((r) => ({ intent: r.intent, count: Number(r.n) }));
  }
}

/** Midnight starting the Monday of `d`'s week in Asia/Shanghai, as a UTC instant in ms. */
function mondayOf(d: Date): number {
  const sinceMonday = (shanghaiWeekday(d) + 6) % 7;
  const localMidnight = Date.parse(`${shanghaiDate(d)}T00:00:00Z`) - SHANGHAI;
  return localMidnight - sinceMonday * DAY;
}
