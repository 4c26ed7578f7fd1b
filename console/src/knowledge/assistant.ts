import { PALETTE } from '../figures/options';
import type { TryAnswer, TryOutcome, WeeklyFigures, WeekRow } from './types';

/** What the 试一试 panel says each outcome means for the holder. */
export const OUTCOME_TEXT: Record<TryOutcome, string> = {
  knowledge: '由知识库条目回答',
  action: '按持证人本人的数据办理或回答（如申请进度、预约），下面的条目会一并引用',
  small_talk: '寒暄，助手直接回应',
  handover: '转人工客服，进入咨询接待的待接入队列',
  unknown: '助手答不上来：请持证人换个说法；连续两次答不上来就转人工，问题记入“未解答问题”',
};

/** A relevance (0..1) as a clerk reads it: `87%`. */
export const relevanceText = (r: number | null | undefined): string =>
  r === null || r === undefined || !Number.isFinite(r) ? '—' : `${Math.round(r * 100)}%`;

/** How sure the match is, for the tag's colour: 50% answers on its own, 90% is near certain. */
export const relevanceLevel = (r: number): 'success' | 'warning' | 'info' =>
  r >= 0.9 ? 'success' : r >= 0.5 ? 'warning' : 'info';

/**
 * The other entries that came close, without the one that answers: what a clerk looks at when the
 * wrong entry won (at most `n`).
 */
export function runnersUp(t: TryAnswer, n = 4): TryAnswer['candidates'] {
  return t.candidates.filter((c) => c.id !== t.entry?.id).slice(0, n);
}

/** One week as the knowledge screen's table shows it. */
export interface WeekLine {
  week: string;
  asked: number;
  answered: number;
  answeredRate: string;
  handovers: number;
  /** Holders' messages the assistant did not understand (what the knowledge base is missing). */
  unanswered: number;
  usefulRate: string;
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** `11-23 周` from the Monday `2026-11-23`. */
export const weekLabel = (monday: string): string => `${monday.slice(5)} 周`;

export function weekLines(f: WeeklyFigures): WeekLine[] {
  return f.items.map((w: WeekRow) => ({
    week: weekLabel(w.weekStart),
    asked: w.holderMessages,
    answered: w.answeredByAssistant,
    answeredRate: pct(w.answeredRate),
    handovers: w.handovers,
    unanswered: w.notUnderstood,
    usefulRate: pct(w.usefulRate),
  }));
}

/** Totals over the weeks shown. */
export function weekTotals(
  lines: readonly WeekLine[],
): Pick<WeekLine, 'asked' | 'answered' | 'handovers' | 'unanswered'> {
  const sum = (k: 'asked' | 'answered' | 'handovers' | 'unanswered') => lines.reduce((a, l) => a + l[k], 0);
  return { asked: sum('asked'), answered: sum('answered'), handovers: sum('handovers'), unanswered: sum('unanswered') };
}

/** The chart: asked and answered as bars, not answered and handed over as lines. */
export function weeklyOption(f: WeeklyFigures) {
  const lines = weekLines(f);
  return {
    color: PALETTE,
    animation: false,
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
    xAxis: { type: 'category' as const, data: lines.map((l) => l.week) },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      { name: '提问', type: 'bar' as const, data: lines.map((l) => l.asked) },
      { name: '助手回答', type: 'bar' as const, data: lines.map((l) => l.answered) },
      { name: '助手没听懂', type: 'line' as const, data: lines.map((l) => l.unanswered) },
      { name: '转人工', type: 'line' as const, data: lines.map((l) => l.handovers) },
    ],
  };
}
