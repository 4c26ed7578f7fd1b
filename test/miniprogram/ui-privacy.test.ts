import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { ensurePrivacy, type PrivacyAnswer } from '../../miniprogram/utils/privacy';
import { fakeWx, flush } from './fake';

const popupId = simulate.load(path.join(__dirname, '../../miniprogram/components/ui-privacy/ui-privacy'));

/** WeChat's side: the app's listener, and what requirePrivacyAuthorize does with its answer. */
let listener: ((resolve: (a: PrivacyAnswer) => void) => void) | null = null;
const answers: PrivacyAnswer[] = [];

function wechat() {
  fakeWx().reset();
  answers.length = 0;
  fakeWx().on('onNeedPrivacyAuthorization', (l: any) => {
    listener = l;
  });
  fakeWx().on('requirePrivacyAuthorize', (o: any) => {
    // WeChat asks the app's listener, then succeeds only on agreement.
    listener!((a) => {
      answers.push(a);
      if (a.event === 'exposureAuthorization') return;
      if (a.event === 'agree') o.success?.({});
      else o.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
    });
  });
}

const mounted: Array<ReturnType<typeof simulate.render>> = [];
function mount() {
  const comp = simulate.render(popupId);
  comp.attach(document.createElement('parent-wrapper'));
  mounted.push(comp);
  return comp;
}

describe('privacy authorisation', () => {
  beforeEach(wechat);
  afterEach(() => {
    for (const c of mounted.splice(0)) (c as unknown as { detach(): void }).detach();
  });

  it('shows the popup with the reason, and agreeing lets the feature go ahead', async () => {
    const comp = mount();
    const asked = ensurePrivacy('用于查找您附近的优待商户');
    await flush();
    expect(comp.querySelector('.up-text')!.dom!.textContent).toContain('用于查找您附近的优待商户');
    comp.querySelector('.up-btn--agree')!.dispatchEvent('agreeprivacyauthorization');
    await expect(asked).resolves.toBe(true);
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
    expect(comp.querySelector('.up-sheet')).toBeFalsy();
  });

  it('declining answers false and closes the popup; the page carries on', async () => {
    const comp = mount();
    const asked = ensurePrivacy('用于扫描优待证二维码');
    await flush();
    comp.querySelector('.up-btn--decline')!.dispatchEvent('tap');
    await expect(asked).resolves.toBe(false);
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
    expect(comp.querySelector('.up-sheet')).toBeFalsy();
  });

  it('declines at once when the page has no popup, rather than leaving WeChat waiting', async () => {
    mount();
    for (const c of mounted.splice(0)) (c as unknown as { detach(): void }).detach();
    await expect(ensurePrivacy('用于拍摄照片')).resolves.toBe(false);
  });

  it('opens the full guide from the popup', async () => {
    const comp = mount();
    void ensurePrivacy('用于拍摄照片');
    await flush();
    comp.querySelector('.up-link')!.dispatchEvent('tap');
    await flush();
    expect(fakeWx().calls.some((c) => c.api === 'openPrivacyContract')).toBe(true);
  });
});
