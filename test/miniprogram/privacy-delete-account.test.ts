import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { loadSession } from '../../miniprogram/services/session';
import { asHolder, calls, requests, type Rendered } from './harness';
import { fakeWx, flush } from './fake';

const root = path.join(__dirname, '../../miniprogram');
const pageId = simulate.load(path.join(root, 'packages/people/pages/delete-account/delete-account'), {
  rootPath: root,
});
const textOf = (comp: Rendered, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();
const deleteButton = (comp: Rendered) => (comp.querySelector('.delete') as any).instance.data;

const plan = (blockers: Array<{ what: string; action: string }> = []) => ({
  removes: ['您的姓名、身份证号码和手机号码', '您上传的证件照片'],
  keeps: [
    { what: '已发放的优待证登记', why: '发放登记属于公务档案', until: '按档案管理规定的保管期限' },
    { what: '操作日志', why: '《网络安全法》要求网络日志至少保存六个月', until: '至少六个月' },
  ],
  blockers,
});

async function open() {
  const comp = simulate.render(pageId);
  comp.attach(document.createElement('parent-wrapper'));
  (comp.instance as any).onLoad({});
  await flush(10);
  return comp;
}

const answerModal = (confirm: boolean) =>
  fakeWx().on('showModal', (o: any) => o.success?.({ confirm, cancel: !confirm }));

describe('注销账号', () => {
  beforeEach(() => asHolder());

  it('shows what is removed, what is kept with why and how long', async () => {
    fakeWx().routes.set('GET /api/v1/me/deletion', () => ({ data: plan() }));
    const comp = await open();
    expect(comp.querySelectorAll('.remove-item')).toHaveLength(2);
    expect(comp.querySelectorAll('.keep')).toHaveLength(2);
    expect(textOf(comp, '.keeps')).toContain('为什么保留：发放登记属于公务档案');
    expect(textOf(comp, '.keeps')).toContain('保留多久：至少六个月');
    expect(comp.querySelector('.blockers')).toBeFalsy();
    expect(deleteButton(comp)).toMatchObject({ look: 'danger', disabled: true });
  });

  it('deletes only after the tick and a second confirmation, then signs out on this phone', async () => {
    fakeWx().routes.set('GET /api/v1/me/deletion', () => ({ data: plan() }));
    let sent: any;
    fakeWx().routes.set('POST /api/v1/me/deletion', (o) => {
      sent = o.data;
      return { data: { deletedAt: '2026-11-29T10:00:00.000+08:00' } };
    });
    const comp = await open();
    comp.querySelector('.understood')!.dispatchEvent('tap');
    await flush(1);
    expect(deleteButton(comp).disabled).toBe(false);

    answerModal(false);
    comp.querySelector('.delete')!.dispatchEvent('press');
    await flush();
    expect(requests('POST', '/api/v1/me/deletion')).toHaveLength(0);

    answerModal(true);
    comp.querySelector('.delete')!.dispatchEvent('press');
    await flush();
    expect(sent).toEqual({ confirm: true });
    expect(loadSession()).toBeNull();
    expect(textOf(comp, '.done')).toContain('账号已注销');
    comp.querySelector('.go-home')!.dispatchEvent('press');
    await flush();
    expect(calls('reLaunch').map((c) => c.options.url)).toEqual(['/pages/index/index']);
  });

  it('lists what to finish first and keeps the button off while something is under way', async () => {
    fakeWx().routes.set('GET /api/v1/me/deletion', () => ({
      data: plan([{ what: '您预约了12月3日的法律服务', action: '请先在“我的预约”中取消' }]),
    }));
    const comp = await open();
    expect(textOf(comp, '.blockers')).toContain('您预约了12月3日的法律服务');
    comp.querySelector('.understood')!.dispatchEvent('tap');
    await flush(1);
    expect(deleteButton(comp).disabled).toBe(true);
  });

  it('shows the server’s reason when it refuses (DELETION_BLOCKED), and the new list', async () => {
    let blocked = false;
    fakeWx().routes.set('GET /api/v1/me/deletion', () => ({
      data: plan(blocked ? [{ what: '您的优待证申请正在审核', action: '请先撤回' }] : []),
    }));
    fakeWx().routes.set('POST /api/v1/me/deletion', () => {
      blocked = true;
      return {
        statusCode: 409,
        data: { error: { code: 'DELETION_BLOCKED', message: '暂时不能注销：您的优待证申请正在审核，请先撤回' } },
      };
    });
    const comp = await open();
    comp.querySelector('.understood')!.dispatchEvent('tap');
    await flush(1);
    answerModal(true);
    comp.querySelector('.delete')!.dispatchEvent('press');
    await flush(10);
    expect(textOf(comp, '.delete-error')).toBe('暂时不能注销：您的优待证申请正在审核，请先撤回');
    expect(textOf(comp, '.blockers')).toContain('您的优待证申请正在审核');
    expect(loadSession()).not.toBeNull();
  });
});
