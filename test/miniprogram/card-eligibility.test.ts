import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';

type Rendered = ReturnType<typeof simulate.render>;

const root = path.join(__dirname, '../../miniprogram');
const eligibilityPage = simulate.load(path.join(root, 'packages/card/pages/eligibility/eligibility'), {
  rootPath: root,
});

const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

const me = {
  data: {
    id: 7,
    displayName: '微信用户',
    roles: ['holder'],
    identity: {
      name: '张三',
      idNumberMasked: '**************002X',
      phoneMasked: '*******5678',
      category: 'veteran',
      verified: false,
    },
  },
};

async function render(pageId: string, query: Record<string, string>): Promise<Rendered> {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad(query);
  await flush();
  return comp;
}

describe('申领条件自查', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
    fakeWx().routes.set('GET /api/v1/me', () => me);
  });

  const answerAll = async (comp: Rendered, answers: string) => {
    ['expelled', 'deprivedOfPoliticalRights', 'servingSentence', 'wanted', 'priorCriminalPunishment'].forEach(
      (key, i) => {
        comp
          .querySelector(`.question-${key} .answer-${answers.charAt(i) === '1' ? 'yes' : 'no'}`)!
          .dispatchEvent('tap');
      },
    );
    await flush(1);
  };

  it('needs every question answered, then shows the verdict and leads on to the form with the answers', async () => {
    let sent: any;
    fakeWx().routes.set('POST /api/v1/card-applications/eligibility', (o) => {
      sent = o.data;
      return {
        data: {
          verdict: 'case_by_case',
          reasons: ['曾受过刑事处罚的，由退役军人事务部门逐案审核'],
          next: ['可以提交申请；审核时工作人员可能请您补充说明'],
        },
      };
    });
    const comp = await render(eligibilityPage, {});
    expect((comp.instance as any).data.categoryIndex).toBe(0);
    comp.querySelector('.check')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.form-error')).toBe('请回答全部问题（是 或 否）');
    expect(sent).toBeUndefined();

    await answerAll(comp, '00001');
    comp.querySelector('.check')!.dispatchEvent('press');
    await flush();
    expect(sent).toEqual({
      category: 'veteran',
      declarations: {
        expelled: false,
        deprivedOfPoliticalRights: false,
        servingSentence: false,
        wanted: false,
        priorCriminalPunishment: true,
      },
    });
    expect(textOf(comp, '.verdict')).toBe('可以申请，需逐案审核');
    expect(textOf(comp, '.reason')).toBe('曾受过刑事处罚的，由退役军人事务部门逐案审核');
    comp.querySelector('.start-apply')!.dispatchEvent('press');
    await flush();
    expect(fakeWx().calls.find((c) => c.api === 'navigateTo')!.options.url).toBe(
      '/packages/card/pages/apply/apply?category=veteran&d=00001',
    );
  });

  it('an ineligible answer shows the reasons and no way to apply', async () => {
    fakeWx().routes.set('POST /api/v1/card-applications/eligibility', () => ({
      data: {
        verdict: 'ineligible',
        reasons: ['正在服刑的不能申领优待证'],
        next: ['情况发生变化后（如刑满释放、恢复政治权利），可再次申请'],
      },
    }));
    const comp = await render(eligibilityPage, {});
    await answerAll(comp, '00100');
    comp.querySelector('.check')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.verdict')).toBe('暂不符合申领条件');
    expect(textOf(comp, '.reason')).toBe('正在服刑的不能申领优待证');
    expect(comp.querySelector('.start-apply')).toBeFalsy();
  });

  it('with an application still open, leads to it (修改 first when sent back) and not to a second one', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => ({
      data: {
        items: [
          {
            id: 8,
            kind: 'new',
            status: 'needs_info',
            category: 'veteran',
            station: null,
            delivery: 'pickup',
            address: null,
            photoFileId: 1,
            documentFileIds: [2],
            reason: '照片不清晰',
            needsInfoDeadline: '2026-12-10T18:00:00.000+08:00',
            submittedAt: '2026-11-20T10:00:00.000+08:00',
            createdAt: '2026-11-20T09:00:00.000+08:00',
            history: [],
            allowedActions: ['edit', 'resubmit', 'withdraw'],
          },
        ],
        nextCursor: null,
      },
    }));
    fakeWx().routes.set('POST /api/v1/card-applications/eligibility', () => ({
      data: { verdict: 'eligible', reasons: ['符合条件'], next: ['提交申请'] },
    }));
    const comp = await render(eligibilityPage, {});
    expect(textOf(comp, '.open-application')).toContain('您已有一份申请正在办理');
    expect(textOf(comp, '.open-application')).toContain('待补充材料');
    expect((comp.querySelector('.edit-open') as any).instance.data.look).toBe('primary');

    await answerAll(comp, '00000');
    comp.querySelector('.check')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.verdict')).toBe('符合申领条件');
    expect(comp.querySelector('.start-apply')).toBeFalsy();
    comp.querySelector('.view-open-result')!.dispatchEvent('press');
    comp.querySelector('.edit-open')!.dispatchEvent('press');
    await flush();
    expect(
      fakeWx()
        .calls.filter((c) => c.api === 'navigateTo')
        .map((c) => c.options.url),
    ).toEqual(['/packages/card/pages/application/application?id=8', '/packages/card/pages/apply/apply?id=8']);
  });

  it('a closed application (withdrawn) does not stand in the way', async () => {
    fakeWx().routes.set('GET /api/v1/card-applications/mine', () => ({
      data: {
        items: [
          {
            id: 3,
            kind: 'new',
            status: 'withdrawn',
            category: 'veteran',
            station: null,
            delivery: 'pickup',
            address: null,
            photoFileId: 1,
            documentFileIds: [2],
            reason: null,
            needsInfoDeadline: null,
            submittedAt: null,
            createdAt: '2026-11-20T09:00:00.000+08:00',
            history: [],
            allowedActions: [],
          },
        ],
        nextCursor: null,
      },
    }));
    fakeWx().routes.set('POST /api/v1/card-applications/eligibility', () => ({
      data: { verdict: 'eligible', reasons: ['符合条件'], next: ['提交申请'] },
    }));
    const comp = await render(eligibilityPage, {});
    expect(comp.querySelector('.open-application')).toBeFalsy();
    await answerAll(comp, '00000');
    comp.querySelector('.check')!.dispatchEvent('press');
    await flush();
    expect(comp.querySelector('.start-apply')).toBeTruthy();
  });
});
