import { describe, expect, it } from 'vitest';
import {
  OUTCOME_TEXT,
  relevanceLevel,
  relevanceText,
  runnersUp,
  weekLabel,
  weekLines,
  weeklyOption,
  weekTotals,
} from './assistant';
import type { TryAnswer, WeeklyFigures } from './types';

const tried = (over: Partial<TryAnswer> = {}): TryAnswer => ({
  intent: 'policy',
  confidence: 0.91,
  outcome: 'knowledge',
  words: ['光荣牌', '换新'],
  entry: { id: 3, question: '光荣牌换新怎么办理？', relevance: 0.91, score: 12.3 },
  answer: {
    text: '光荣牌换新请到服务站登记。',
    links: [],
    source: { document: '戎友服务说明', article: null, issuer: null, effectiveDate: null },
  },
  candidates: [
    { id: 3, question: '光荣牌换新怎么办理？', relevance: 0.91, score: 12.3 },
    { id: 4, question: '光荣牌丢了怎么办？', relevance: 0.42, score: 5.1 },
    { id: 5, question: '优待证丢了怎么办？', relevance: 0.2, score: 2 },
  ],
  ...over,
});

describe('试一试', () => {
  it('shows relevance as a percentage, coloured by what it does', () => {
    expect(relevanceText(0.874)).toBe('87%');
    expect(relevanceText(null)).toBe('—');
    expect([0.95, 0.6, 0.3].map(relevanceLevel)).toEqual(['success', 'warning', 'info']);
  });

  it('lists the entries that came close, without the one that answered', () => {
    expect(runnersUp(tried()).map((c) => c.id)).toEqual([4, 5]);
    expect(runnersUp(tried(), 1).map((c) => c.id)).toEqual([4]);
    expect(runnersUp(tried({ entry: null, outcome: 'unknown' })).map((c) => c.id)).toEqual([3, 4, 5]);
  });

  it('says what every outcome means', () => {
    for (const o of ['knowledge', 'action', 'small_talk', 'handover', 'unknown'] as const) {
      expect(OUTCOME_TEXT[o]).toBeTruthy();
    }
  });
});

describe('weekly figures', () => {
  const figures: WeeklyFigures = {
    items: [
      {
        weekStart: '2026-11-16',
        holderMessages: 40,
        answeredByAssistant: 30,
        answeredRate: 0.75,
        notUnderstood: 6,
        useful: 9,
        notUseful: 1,
        usefulRate: 0.9,
        conversations: 20,
        handovers: 4,
        handoverRate: 0.2,
        topIntents: [],
      },
      {
        weekStart: '2026-11-23',
        holderMessages: 0,
        answeredByAssistant: 0,
        answeredRate: null,
        notUnderstood: 0,
        useful: 0,
        notUseful: 0,
        usefulRate: null,
        conversations: 0,
        handovers: 0,
        handoverRate: null,
        topIntents: [],
      },
    ],
  };

  it('makes one line a week: asked, answered, not understood, handed over', () => {
    expect(weekLabel('2026-11-23')).toBe('11-23 周');
    expect(weekLines(figures)).toEqual([
      {
        week: '11-16 周',
        asked: 40,
        answered: 30,
        answeredRate: '75%',
        handovers: 4,
        unanswered: 6,
        usefulRate: '90%',
      },
      { week: '11-23 周', asked: 0, answered: 0, answeredRate: '—', handovers: 0, unanswered: 0, usefulRate: '—' },
    ]);
    expect(weekTotals(weekLines(figures))).toEqual({ asked: 40, answered: 30, handovers: 4, unanswered: 6 });
  });

  it('charts the same four series over the weeks', () => {
    const o = weeklyOption(figures);
    expect(o.xAxis.data).toEqual(['11-16 周', '11-23 周']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['提问', [40, 0]],
      ['助手回答', [30, 0]],
      ['助手没听懂', [6, 0]],
      ['转人工', [4, 0]],
    ]);
  });
});
