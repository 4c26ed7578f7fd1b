import { fakeWx, flush } from './fake';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { asHolder, calls, openPage, textOf } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const complaintsId = simulate.load(path.join(root, 'packages/merchants/pages/complaints/complaints'), {
  rootPath: root,
});

const complaint = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  merchant: { id: 5, name: '老兵面馆' },
  text: '出示优待证后店员拒绝打折',
  status: 'open',
  statusText: '处理中',
  resolution: null,
  createdAt: '2026-11-23T10:00:00.000+08:00',
  handledAt: null,
  history: [{ from: null, to: 'open', at: '2026-11-23T10:00:00.000+08:00', by: 'holder', reason: null }],
  ...over,
});

describe('我的投诉', () => {
  beforeEach(() => asHolder());

  it('lists complaints with their state, the outcome and its reason, and the steps', async () => {
    fakeWx().routes.set('GET /api/v1/me/complaints', () => ({
      data: {
        items: [
          complaint(2, {
            merchant: { id: 6, name: '军嫂超市' },
            status: 'upheld',
            statusText: '投诉成立',
            resolution: '已约谈商户负责人并责令整改',
            handledAt: '2026-11-24T15:00:00.000+08:00',
            history: [
              { from: null, to: 'open', at: '2026-11-23T11:00:00.000+08:00', by: 'holder', reason: null },
              {
                from: 'open',
                to: 'upheld',
                at: '2026-11-24T15:00:00.000+08:00',
                by: 'staff',
                reason: '已约谈商户负责人并责令整改',
              },
            ],
          }),
          complaint(1),
        ],
        nextCursor: null,
      },
    }));
    const comp = await openPage(complaintsId);
    expect(comp.querySelectorAll('.complaint')).toHaveLength(2);
    expect(comp.querySelectorAll('.merchant-name').map((n) => n.dom!.textContent)).toEqual(['军嫂超市', '老兵面馆']);
    expect(comp.querySelectorAll('.status').map((n) => n.dom!.textContent)).toEqual(['投诉成立', '处理中']);
    // The state is a chip coloured by what it means: found true, still with the bureau.
    expect(comp.querySelectorAll('.status').map((n) => (n as any).instance.data.tone)).toEqual(['ok', 'warn']);
    // Only a decided complaint shows an outcome.
    expect(comp.querySelectorAll('.resolution').map((n) => n.dom!.textContent)).toEqual(['已约谈商户负责人并责令整改']);
    expect(comp.querySelectorAll('.step-text').map((n) => n.dom!.textContent)).toEqual([
      '已提交，等待区退役军人事务局核实',
      '核实后投诉成立',
      '已提交，等待区退役军人事务局核实',
    ]);
    expect(textOf(comp, '.step-when')).toBe('2026年11月23日 11:00');

    comp.querySelector('.merchant')!.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo')[0].options.url).toBe('/packages/merchants/pages/detail/detail?id=6');
  });

  it('loads older complaints with the cursor', async () => {
    fakeWx().routes.set('GET /api/v1/me/complaints', (o) =>
      String(o.url).indexOf('cursor=c1') >= 0
        ? { data: { items: [complaint(1)], nextCursor: null } }
        : { data: { items: [complaint(3), complaint(2)], nextCursor: 'c1' } },
    );
    const comp = await openPage(complaintsId);
    expect(comp.querySelectorAll('.complaint')).toHaveLength(2);
    expect(comp.querySelector('.load-more')).toBeTruthy();
    (comp.instance as any).onReachBottom();
    await flush();
    expect(comp.querySelectorAll('.complaint')).toHaveLength(3);
    expect(comp.querySelector('.load-more')).toBeFalsy();
    expect(comp.querySelector('.end')).toBeTruthy();
  });

  it('says so when there are none, and shows a failure to load', async () => {
    fakeWx().routes.set('GET /api/v1/me/complaints', () => ({ data: { items: [], nextCursor: null } }));
    const empty = await openPage(complaintsId);
    expect(textOf(empty, '.state-empty')).toContain('您还没有投诉过商户');

    fakeWx().routes.set('GET /api/v1/me/complaints', () => 'fail');
    const failed = await openPage(complaintsId);
    expect(textOf(failed, '.state-error')).toContain('网络不可用，请检查网络后重试');
  });
});
