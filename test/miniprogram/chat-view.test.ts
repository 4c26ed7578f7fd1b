import { noticeView, sourceLine } from '../../miniprogram/pages/index/view';
import type { ChatMessage } from '../../miniprogram/services/chat';

describe('what the conversation shows', () => {
  it('writes a source in one line, leaving out what the entry does not say', () => {
    expect(
      sourceLine({
        entryId: 1,
        document: '《优待证管理办法》',
        article: '第五条',
        issuer: '',
        effectiveDate: '2021-12-01',
      }),
    ).toBe('依据：《优待证管理办法》第五条 · 2021年12月1日起施行');
    expect(sourceLine({ entryId: 1, document: '', article: '', issuer: '区退役军人事务局', effectiveDate: '' })).toBe(
      '依据：区退役军人事务局',
    );
    expect(sourceLine({ entryId: 1, document: '', article: '', issuer: '', effectiveDate: '' })).toBe('');
  });

  it('gives a notice a title and a link only when it has them', () => {
    const m = { id: 4, cursor: 'c4', from: 'system', kind: 'notice', text: '已受理', at: '2026-03-01T09:00:00+08:00' };
    expect(noticeView(m as ChatMessage)).toEqual({
      id: 4,
      title: '通知',
      text: '已受理',
      lines: [],
      page: '',
      buttonLabel: '查看详情',
    });
    const linked = {
      ...m,
      card: { title: '申请进度更新', lines: ['初审通过'], button: { label: '', page: 'pages/timeline/timeline' } },
    };
    expect(noticeView(linked as ChatMessage)).toMatchObject({
      title: '申请进度更新',
      lines: ['初审通过'],
      page: 'pages/timeline/timeline',
      buttonLabel: '查看详情',
    });
  });
});
