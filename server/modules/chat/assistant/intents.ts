/**
 * What the assistant can understand a message to be. Live-data intents are answered from the
 * owning modules' services; `policy` from the knowledge base; `unknown` is said plainly.
 */
export const INTENT_KEYS = [
  'card_status',
  'card_apply',
  'card_lost',
  'card_show',
  'nearby_discounts',
  'legal_services',
  'legal_free_times',
  'legal_my_appointments',
  'legal_book',
  'notices',
  'appeal_status',
  'appeal_file',
  'jobs',
  'lodging',
  'policy',
  'greeting',
  'thanks',
  'ask_person',
  'unknown',
] as const;
export type IntentKey = (typeof INTENT_KEYS)[number];

/** The legal desk's four services, as the legal-aid module names them. */
export type LegalServiceKey = 'consultation' | 'legal_aid' | 'mediation' | 'counselling';

/** A published knowledge-base entry as the conversation quotes it, with where the fact comes from. */
export interface KnowledgeAnswer {
  id: number;
  question: string;
  /** Plain text; may hold page links written `[文字](/packages/…)`. */
  answer: string;
  source: { document: string; article: string | null; issuer: string | null; effectiveDate: string | null };
}

/** How a message was understood. */
export interface Understanding {
  intent: IntentKey;
  /** 0..1. For `unknown`, how sure it is that nothing matched (1 − the best guess's confidence). */
  confidence: number;
  /** The segmented words that carry a topic, after synonym expansion. */
  words: string[];
  /** When a legal intent names one of the desk's services (法律咨询, 法律援助, 人民调解, 心理疏导). */
  legalService?: LegalServiceKey;
  /** For `policy`, and for other intents when a knowledge-base entry answers them too. */
  knowledge?: KnowledgeAnswer;
}

/** Intents answered from live data: when their rules match confidently they win over the knowledge base. */
export const LIVE_INTENTS: ReadonlySet<IntentKey> = new Set([
  'card_status',
  'card_show',
  'nearby_discounts',
  'legal_free_times',
  'legal_my_appointments',
  'legal_book',
  'notices',
  'appeal_status',
  'jobs',
  'lodging',
]);

/** Intents that act and may quote a knowledge-base entry beside the action. */
export const INTENTS_WITH_KNOWLEDGE: ReadonlySet<IntentKey> = new Set([
  'card_apply',
  'card_lost',
  'legal_services',
  'appeal_file',
]);
