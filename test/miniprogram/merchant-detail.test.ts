import { saveSession } from '../../miniprogram/services/session';
import { fakeWx, flush } from './fake';
import { merchant, merchantWithVoucher } from './fixtures';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { openPage, textOf, calls } from './harness';

const root = path.join(__dirname, '../../miniprogram');
const detailId = simulate.load(path.join(root, 'packages/merchants/pages/detail/detail'), { rootPath: root });
const open = openPage;

describe('商户详情: terms, map, phone and complaints', () => {
  beforeEach(() => {
    fakeWx().reset();
    saveSession({ accessToken: 't', refreshToken: 'r', userId: 7, roles: ['holder'], via: 'wechat' });
  });

  it('detail: shows the offer’s terms, opens the map and the phone', async () => {
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchant }));
    const comp = await open(detailId, { id: '5' });
    expect(textOf(comp, '.merchant-name')).toBe('老兵面馆');
    expect(textOf(comp, '.discount-text')).toBe('九折');
    expect(textOf(comp, '.who')).toBe('退役军人、烈士遗属');
    expect(textOf(comp, '.limit')).toBe('每人每天限用 1 次');
    expect(textOf(comp, '.validity')).toBe('2026年1月1日 至 2026年12月31日');

    comp.querySelector('.address')!.dispatchEvent('tap');
    comp.querySelector('.phone')!.dispatchEvent('tap');
    await flush();
    expect(calls('openLocation')[0].options).toMatchObject({ latitude: 30.27, longitude: 120.15, name: '老兵面馆' });
    expect(calls('makePhoneCall')[0].options.phoneNumber).toBe('0571-88888888');
  });

  it('detail: a complaint shorter than 5 characters is not sent; a proper one is', async () => {
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchant }));
    let sent: unknown = null;
    fakeWx().routes.set('POST /api/v1/merchants/5/complaints', (o) => {
      sent = o.data;
      return { statusCode: 201, data: { id: 1 } };
    });
    const comp = await open(detailId, { id: '5' });
    comp.querySelector('.complain')!.dispatchEvent('press');
    await flush(1);
    comp.querySelector('#complaint')!.dispatchEvent('input', { detail: { value: ' 不给 ' } });
    await flush(1);
    comp.querySelector('.submit-complaint')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.complaint-error')).toContain('至少 5 个字');
    expect(sent).toBeNull();

    comp.querySelector('#complaint')!.dispatchEvent('input', { detail: { value: '出示优待证后拒绝打折' } });
    await flush(1);
    comp.querySelector('.submit-complaint')!.dispatchEvent('press');
    await flush();
    expect(sent).toEqual({ text: '出示优待证后拒绝打折' });
    expect(comp.querySelector('.complaint-sent')).toBeTruthy();
  });

  it('detail: shows why a complaint was refused, and leads to the holder’s complaints', async () => {
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchant }));
    fakeWx().routes.set('POST /api/v1/merchants/5/complaints', () => ({
      statusCode: 409,
      data: { error: { code: 'CARD_INACTIVE', message: '持有正常使用中的优待证才能投诉商户' } },
    }));
    const comp = await open(detailId, { id: '5' });
    comp.querySelector('.complain')!.dispatchEvent('press');
    await flush(1);
    comp.querySelector('#complaint')!.dispatchEvent('input', { detail: { value: '出示优待证后拒绝打折' } });
    await flush(1);
    comp.querySelector('.submit-complaint')!.dispatchEvent('press');
    await flush();
    expect(textOf(comp, '.complaint-error')).toBe('持有正常使用中的优待证才能投诉商户');
    expect(comp.querySelector('.complaint-sent')).toBeFalsy();

    comp.querySelector('.my-complaints')!.dispatchEvent('tap');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual(['/packages/merchants/pages/complaints/complaints']);
  });

  it('detail: 投诉 is a secondary action, 取消 closes the form; a failed load offers 重试', async () => {
    fakeWx().routes.set('GET /api/v1/merchants/5', () => 'fail');
    const comp = await open(detailId, { id: '5' });
    expect(textOf(comp, '.load-error')).toContain('网络不可用');
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchant }));
    comp.querySelector('.load-error')!.dispatchEvent('action');
    await flush();
    expect(textOf(comp, '.merchant-name')).toBe('老兵面馆');
    expect(comp.querySelector('.load-error')).toBeFalsy();

    const complain = comp.querySelector('.complain') as any;
    expect(complain.instance.data.look).toBe('secondary');
    complain.dispatchEvent('press');
    await flush(1);
    expect((comp.querySelector('.submit-complaint') as any).instance.data.look).toBe('primary');
    comp.querySelector('.cancel-complaint')!.dispatchEvent('press');
    await flush(1);
    expect(comp.querySelector('.complaint-form')).toBeFalsy();
    expect(comp.querySelector('.complain')).toBeTruthy();
  });

  it('detail: a voucher shows its price, face value and what is left; 购买 opens the buying page', async () => {
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchantWithVoucher() }));
    const comp = await open(detailId, { id: '5' });
    expect(comp.querySelectorAll('.offer')).toHaveLength(2);
    expect(textOf(comp, '.voucher-price')).toBe('¥40 买 面值 ¥50');
    expect(textOf(comp, '.stock')).toBe('剩余 12 张');
    expect(comp.querySelectorAll('.buy')).toHaveLength(1);
    const buy = comp.querySelector('.buy') as any;
    expect(buy.instance.data.look).toBe('primary');
    buy.dispatchEvent('press');
    await flush();
    expect(calls('navigateTo').map((c) => c.options.url)).toEqual([
      '/packages/vouchers/pages/buy/buy?offerId=51&merchantId=5',
    ]);
  });

  it('detail: a sold-out voucher says 已售罄 on a disabled button that goes nowhere', async () => {
    fakeWx().routes.set('GET /api/v1/merchants/5', () => ({ data: merchantWithVoucher({ stockLeft: 0 }) }));
    const comp = await open(detailId, { id: '5' });
    expect(textOf(comp, '.stock')).toBe('已售罄');
    const soldOut = comp.querySelector('.sold-out') as any;
    expect(soldOut.dom!.textContent).toBe('已售罄');
    expect(soldOut.instance.data.disabled).toBe(true);
    soldOut.dispatchEvent('press');
    await flush();
    expect(calls('navigateTo')).toHaveLength(0);
  });
});
