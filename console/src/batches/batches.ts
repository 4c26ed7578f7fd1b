import type { BatchItem, BatchSummary } from './types';

/** Where a batch stands with the bank, as the list shows it. */
export function batchStage(b: Pick<BatchSummary, 'exportedAt' | 'arrivedAt'>): {
  key: 'created' | 'exported' | 'arrived';
  label: string;
  tag: 'info' | 'warning' | 'success';
} {
  if (b.arrivedAt) return { key: 'arrived', label: '卡片已到达', tag: 'success' };
  if (b.exportedAt) return { key: 'exported', label: '已导出，待银行制卡', tag: 'warning' };
  return { key: 'created', label: '待导出给银行', tag: 'info' };
}

export const CARD_STATUS_LABELS: Record<string, string> = {
  active: '正常',
  reported_lost: '已挂失',
  replaced: '已更换',
  revoked: '已注销',
};

export const HANDOVER_LABELS: Record<string, string> = { pickup: '服务站领取', mail: '邮寄', ceremony: '集中发放' };

export const CARD_ACTION_LABELS: Record<string, string> = {
  issue: '发放',
  report_lost: '挂失',
  replace: '补换新证',
  revoke: '注销',
};

/** How many applications of the batch are in each status. */
export function countByStatus(items: readonly Pick<BatchItem, 'status'>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i.status] = (out[i.status] ?? 0) + 1;
  return out;
}

export interface ItemFilter {
  q: string;
  status: string | null;
  stationId: number | null;
}

/** The batch page's filter: a name, the last digits of the ID number or a card number; status; station. */
export function filterItems<T extends BatchItem>(items: readonly T[], f: ItemFilter): T[] {
  const q = f.q.trim().toUpperCase();
  return items.filter((i) => {
    if (f.status && i.status !== f.status) return false;
    if (f.stationId !== null && i.stationId !== f.stationId) return false;
    if (!q) return true;
    return (
      i.name.includes(f.q.trim()) ||
      (/^[0-9X]{1,4}$/.test(q) && i.idNumberMasked.toUpperCase().endsWith(q)) ||
      (i.bankCardNumber ?? '').toUpperCase().includes(q) ||
      (i.card?.cardNumber ?? '').toUpperCase().includes(q) ||
      String(i.applicationId) === q
    );
  });
}

/** The stations of a batch, with how many cards wait there for pickup (for the 签收单 choice). */
export function stationsOf(
  items: readonly BatchItem[],
): Array<{ id: number; name: string; ready: number; total: number }> {
  const by = new Map<number, { id: number; name: string; ready: number; total: number }>();
  for (const i of items) {
    const s = by.get(i.stationId) ?? { id: i.stationId, name: i.stationName, ready: 0, total: 0 };
    s.total++;
    if (i.delivery === 'pickup' && i.status === 'card_ready') s.ready++;
    by.set(i.stationId, s);
  }
  return [...by.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The largest returned file the server takes (its BANK_FILE_MAX_BYTES): checked here to spare the upload. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Why a chosen file cannot be sent, or null. */
export function importFileProblem(file: { name: string; size: number }): string | null {
  if (/\.xls$/i.test(file.name)) return '旧版 .xls 文件请在 Excel 中另存为 .xlsx 后再导入';
  if (!/\.(csv|xlsx)$/i.test(file.name)) return '请选择银行回传的 CSV 或 Excel（.xlsx）文件';
  if (file.size === 0) return '文件是空的';
  if (file.size > MAX_IMPORT_BYTES)
    return `文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB，最多 ${MAX_IMPORT_BYTES / 1024 / 1024} MB）：请删去多余的列后另存，或分几次导入`;
  return null;
}

/** The upload of the bank's file: the file part, and whether this is only the preview. */
export function bankImportForm(file: Blob, fileName: string, dryRun: boolean): FormData {
  const form = new FormData();
  form.append('dryRun', String(dryRun));
  form.append('file', file, fileName);
  return form;
}

/**
 * Sends the bank's file for a batch: `dryRun` true shows the match and writes nothing; false
 * records the matched rows. The same file goes up both times.
 */
export function importBankFile<T>(
  api: { postForm<R>(path: string, form: FormData): Promise<R> },
  batchId: number,
  file: Blob,
  fileName: string,
  dryRun: boolean,
): Promise<T> {
  return api.postForm<T>(`/api/v1/staff/card-batches/${batchId}/bank-numbers`, bankImportForm(file, fileName, dryRun));
}

export const CARD_NUMBER_PATTERN = /^[A-Za-z0-9]{6,32}$/;

/** The card number typed at hand-out, or why it is not one. */
export function cardNumberProblem(value: string): string | null {
  const v = value.trim();
  if (!v) return '请填写卡号';
  return CARD_NUMBER_PATTERN.test(v) ? null : '卡号为 6–32 位字母或数字';
}

/**
 * What a card search text asks: a card number (looked up exactly), a holder (name, ID tail or whole
 * ID number), or both when it could be either (six digits are a card number or an ID tail).
 */
export function cardQueries(text: string): { number: string | null; holder: string | null } {
  const q = text.trim();
  if (!q) return { number: null, holder: null };
  const number = CARD_NUMBER_PATTERN.test(q) && !/^\d{17}[\dXx]$/.test(q) ? q : null;
  const holder = /^[\dXx]{4,6}$/.test(q) || /^\d{17}[\dXx]$/.test(q) ? q : null;
  return { number, holder: holder ?? (number ? null : q) };
}

/** The file name a download's Content-Disposition gives, or the fallback. */
export function filenameFrom(header: string | null, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header ?? '');
  return m ? decodeURIComponent(m[1]) : fallback;
}
