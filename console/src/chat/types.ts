/** The staff inbox's answers, as `server/modules/chat/inbox/inbox.schemas.ts` declares them. */
export type ConversationState = 'bot' | 'waiting_staff' | 'with_staff' | 'resolved';
export type Sender = 'holder' | 'assistant' | 'staff' | 'system';

export interface InboxItem {
  id: number;
  state: ConversationState;
  holder: { name: string; category: string | null; verified: boolean };
  station: { id: number; name: string } | null;
  trigger: 'asked' | 'unknowns' | 'intent';
  handedOverAt: string;
  waitingSince: string;
  waitingSeconds: number;
  agent: { accountId: number; displayName: string } | null;
  resolvedAt: string | null;
  outcome: string | null;
  lastMessage: { from: Sender; text: string; at: string } | null;
}

export interface StaffLine {
  id: number;
  internal: boolean;
  cursor: string | null;
  from: Sender;
  kind: 'text' | 'card' | 'quick_replies' | 'notice';
  text: string;
  staffName?: string;
  fileId?: number;
  forReview: boolean;
  at: string;
}

export interface HistoryRow {
  action: string;
  from: string | null;
  to: string;
  at: string;
  by: string;
  reason: string | null;
}

export interface ConversationContext {
  conversation: InboxItem;
  holder: { name: string | null; category: string | null; verified: boolean; phone: string | null };
  application: { id: number; kind: string; status: string; phrase: string } | null;
  appointments: Array<{
    id: number;
    serviceType: string;
    startsAt: string;
    status: string;
    providerName: string | null;
  }>;
  redemptions: Array<{ id: number; merchantName: string | null; offerTitle: string | null; at: string }>;
  complaints: Array<{ id: number; merchantName: string | null; status: string; at: string }>;
  assistantIntent: string | null;
  items: StaffLine[];
  history: HistoryRow[];
}

export interface CannedReply {
  id: number;
  title: string;
  text: string;
  stationId: number | null;
  districtId: number;
  updatedAt: string;
}

interface Spread {
  median: number | null;
  p90: number | null;
}
export interface FiguresSummary {
  handovers: number;
  resolved: number;
  firstResponseSeconds: Spread;
  resolutionSeconds: Spread;
  ratings: number;
  averageRating: number | null;
}

export interface InboxFigures {
  from: string;
  to: string;
  conversations: number;
  handoverRate: number | null;
  overall: FiguresSummary;
  perDay: Array<{ date: string; conversations: number; handovers: number }>;
  stations: Array<FiguresSummary & { stationId: number | null; stationName: string | null }>;
  agents: Array<FiguresSummary & { accountId: number; displayName: string }>;
}
