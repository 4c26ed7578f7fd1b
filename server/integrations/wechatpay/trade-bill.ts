import { PaymentError, type TradeBill, type TradeBillRow } from '../../modules/payments/payment.port';

/**
 * The trade bill (交易账单) as WeChat Pay writes it: a header line; one line per payment or
 * refund, every field led by a backtick (so spreadsheets keep long numbers as text); then a
 * summary header (总交易单数,…) and its line. Amounts are yuan with two decimals, turned to fen
 * without floating point.
 */

const fail = (message: string) => new PaymentError('BILL_INVALID', `WeChat Pay trade bill: ${message}`);

/** "12.34" → 1234, "0.5" → 50, "-1.00" → -100; anything else is refused. */
export function yuanToFen(text: string): number {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw fail(`not an amount: "${text.slice(0, 20)}"`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** Splits a bill line: fields start with a backtick, so `,\`` separates them even if text holds commas. */
function fieldsOf(line: string): string[] {
  if (!line.startsWith('`')) throw fail('a data line does not start with a backtick');
  return line.slice(1).split(',`');
}

/** Column names by what we call them; the first name found in the header wins. */
const COLUMNS = {
  tradeTime: ['交易时间'],
  appId: ['公众账号ID'],
  mchId: ['商户号'],
  transactionId: ['微信订单号'],
  outTradeNo: ['商户订单号'],
  openid: ['用户标识'],
  tradeType: ['交易类型'],
  tradeState: ['交易状态'],
  settlement: ['应结订单金额'],
  coupon: ['代金券金额', '代金券或立减优惠金额'],
  refundId: ['微信退款单号'],
  outRefundNo: ['商户退款单号'],
  refund: ['退款金额'],
  refundStatus: ['退款状态'],
  description: ['商品名称'],
  attach: ['商户数据包'],
  fee: ['手续费'],
  rate: ['费率'],
  orderAmount: ['订单金额'],
  requestedRefund: ['申请退款金额'],
} as const;

const REQUIRED: Array<keyof typeof COLUMNS> = [
  'tradeTime',
  'appId',
  'mchId',
  'transactionId',
  'outTradeNo',
  'tradeType',
  'tradeState',
  'settlement',
  'refund',
  'fee',
];

const SUMMARY = {
  tradeCount: ['总交易单数'],
  settlementTotal: ['应结订单总金额'],
  refundTotal: ['退款总金额', '总退款金额'],
  feeTotal: ['手续费总金额'],
  orderTotal: ['订单总金额'],
  requestedRefundTotal: ['申请退款总金额'],
} as const;

function indexer<K extends string>(header: string[], columns: Record<K, readonly string[]>): Record<K, number> {
  const names = header.map((h) => h.trim());
  return Object.fromEntries(
    Object.entries(columns).map(([key, aliases]) => [
      key,
      (aliases as readonly string[]).map((a) => names.indexOf(a)).find((i) => i >= 0) ?? -1,
    ]),
  ) as Record<K, number>;
}

/** Parses the bill text (already checked against its hash and gunzipped). */
export function parseTradeBill(text: string, billDate: string): TradeBill {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length < 3) throw fail('too short');
  const col = indexer(lines[0].split(','), COLUMNS);
  const missing = REQUIRED.filter((k) => col[k] < 0);
  if (missing.length > 0) throw fail(`header lacks ${missing.map((k) => COLUMNS[k][0]).join(', ')}`);

  const summaryAt = lines.findIndex((l, i) => i > 0 && l.startsWith('总交易单数'));
  if (summaryAt < 0 || summaryAt + 1 >= lines.length) throw fail('no summary');

  const rows: TradeBillRow[] = lines.slice(1, summaryAt).map((line, n) => {
    const f = fieldsOf(line);
    const text = (key: keyof typeof COLUMNS): string | null => {
      const i = col[key];
      const v = i >= 0 ? f[i]?.trim() : undefined;
      return v === undefined || v === '' ? null : v;
    };
    const need = (key: keyof typeof COLUMNS): string => {
      const v = text(key);
      if (v === null) throw fail(`line ${n + 2}: ${COLUMNS[key][0]} is empty`);
      return v;
    };
    const amount = (key: keyof typeof COLUMNS): number => yuanToFen(text(key) ?? '0');
    const optionalAmount = (key: keyof typeof COLUMNS): number | null =>
      col[key] < 0 ? null : yuanToFen(text(key) ?? '0');
    return {
      tradeTime: need('tradeTime'),
      appId: need('appId'),
      mchId: need('mchId'),
      transactionId: need('transactionId'),
      outTradeNo: need('outTradeNo'),
      openid: text('openid'),
      tradeType: need('tradeType'),
      tradeState: need('tradeState'),
      settlementFen: amount('settlement'),
      couponFen: col.coupon < 0 ? 0 : amount('coupon'),
      // WeChat writes 0 in the refund columns of a payment line.
      refundId: text('refundId') === '0' ? null : text('refundId'),
      outRefundNo: text('outRefundNo') === '0' ? null : text('outRefundNo'),
      refundFen: amount('refund'),
      refundStatus: text('refundStatus'),
      description: text('description'),
      attach: text('attach'),
      feeFen: amount('fee'),
      rate: text('rate'),
      orderAmountFen: optionalAmount('orderAmount'),
      requestedRefundFen: optionalAmount('requestedRefund'),
    };
  });

  const sCol = indexer(lines[summaryAt].split(','), SUMMARY);
  if (sCol.tradeCount < 0 || sCol.settlementTotal < 0 || sCol.refundTotal < 0 || sCol.feeTotal < 0) {
    throw fail('summary header incomplete');
  }
  const s = fieldsOf(lines[summaryAt + 1]);
  const sAmount = (key: keyof typeof SUMMARY) => (sCol[key] < 0 ? null : yuanToFen(s[sCol[key]] ?? ''));
  const tradeCount = Number((s[sCol.tradeCount] ?? '').trim());
  if (!Number.isInteger(tradeCount) || tradeCount < 0) throw fail('summary count is not a number');
  return {
    billDate,
    rows,
    summary: {
      tradeCount,
      settlementTotalFen: sAmount('settlementTotal')!,
      refundTotalFen: sAmount('refundTotal')!,
      feeTotalFen: sAmount('feeTotal')!,
      orderTotalFen: sAmount('orderTotal'),
      requestedRefundTotalFen: sAmount('requestedRefundTotal'),
    },
  };
}
