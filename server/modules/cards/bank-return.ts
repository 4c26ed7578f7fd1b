import { unsupportedMediaType, validationFailed } from '../../lib/errors';
import { maskIdNumber } from '../../lib/mask';
import { cleanCell, readTable } from '../../lib/spreadsheet';

export { cleanCell, parseCsv } from '../../lib/spreadsheet';

/** One data row of the bank's returned file: the ID number it was made for and the number printed. */
export interface BankRow {
  /** The row's line in the file (1 = the header), for the clerk to find it. */
  line: number;
  idNumber: string;
  cardNumber: string;
  name: string | null;
}

const unreadable = (message: string) => validationFailed('file', message);
const CARD_NUMBER = /^[A-Za-z0-9]{6,32}$/;

/** The largest returned file taken: a batch of a few thousand rows as .xlsx is well under this. */
export const BANK_FILE_MAX_BYTES = 5 * 1024 * 1024;

const notBankFile = () =>
  unsupportedMediaType('请上传银行回传的 CSV 或 Excel（.xlsx）文件；旧版 .xls 请在 Excel 中另存为 .xlsx 后再导入');

/**
 * The bank's file (CSV or .xlsx, told apart by its first bytes) as rows. The header row names the
 * columns: one with 身份证 in it, one with 卡号 in it, optionally 姓名. No file is 400; a file of
 * another kind (PDF, image, old .xls) is 415; a file of the right kind that cannot be read is 400.
 */
export async function readBankFile(bytes: Buffer | undefined): Promise<BankRow[]> {
  if (!bytes || bytes.length === 0) throw validationFailed('file', '请选择银行回传的 CSV 或 Excel（.xlsx）文件');
  const table = await readTable(bytes, notBankFile);
  const headerAt = table.findIndex((r) => r.some((c) => cleanCell(c).includes('身份证')));
  if (headerAt < 0) throw unreadable('文件中没有“身份证号码”列，请确认是银行回传的制卡结果文件');
  const header = table[headerAt].map(cleanCell);
  const idCol = header.findIndex((h) => h.includes('身份证'));
  const cardCol = header.findIndex((h) => h.includes('卡号'));
  const nameCol = header.findIndex((h) => h.includes('姓名'));
  if (cardCol < 0) throw unreadable('文件中没有“卡号”列，请确认是银行回传的制卡结果文件');
  const rows: BankRow[] = [];
  table.slice(headerAt + 1).forEach((r, i) => {
    const idNumber = cleanCell(r[idCol]).toUpperCase();
    const cardNumber = cleanCell(r[cardCol]);
    if (!idNumber && !cardNumber) return;
    rows.push({
      line: headerAt + i + 2,
      idNumber,
      cardNumber,
      name: nameCol >= 0 ? cleanCell(r[nameCol]) || null : null,
    });
  });
  if (!rows.length) throw unreadable('文件中没有数据行');
  return rows;
}

/** An application of the batch as the match needs it. */
export interface BatchEntry {
  applicationId: number;
  idNumber: string;
  name: string;
  status: string;
  /** The number already recorded for it, if any. */
  recorded: string | null;
}

export interface MatchedRow {
  line: number;
  applicationId: number;
  name: string;
  idNumberMasked: string;
  cardNumber: string;
  /** The same number was recorded before: confirming changes nothing for it. */
  alreadyRecorded: boolean;
}

export interface ProblemRow {
  line: number;
  applicationId: number | null;
  name: string | null;
  idNumberMasked: string;
  cardNumber: string;
  problem: string;
}

export interface BankMatch {
  matched: MatchedRow[];
  /** Rows that name an application of the batch but cannot be taken as they are. */
  mismatched: ProblemRow[];
  /** Rows whose ID number is not in the batch. */
  unknown: ProblemRow[];
  /** Applications of the batch the file has no row for. */
  missing: Array<{ applicationId: number; name: string; idNumberMasked: string }>;
}

const masked = (idNumber: string) => (idNumber.length >= 4 ? maskIdNumber(idNumber.slice(-4)) : idNumber || '（空）');

/**
 * Matches the bank's rows to the batch by ID number. Nothing is guessed: a row whose ID number is
 * not in the batch is unknown; a row with a different name, a malformed or already used card
 * number, a second row for the same person, or a card already handed out is a mismatch.
 * `taken` holds card numbers already in use: each with the application it was recorded for, or null
 * for a card already issued under it.
 */
export function matchBankRows(
  entries: BatchEntry[],
  rows: BankRow[],
  taken: ReadonlyMap<string, number | null>,
): BankMatch {
  const byId = new Map(entries.map((e) => [e.idNumber.toUpperCase(), e]));
  const out: BankMatch = { matched: [], mismatched: [], unknown: [], missing: [] };
  const seenIds = new Map<string, number>();
  const seenNumbers = new Map<string, number>();
  for (const row of rows) {
    seenIds.set(row.idNumber, (seenIds.get(row.idNumber) ?? 0) + 1);
    seenNumbers.set(row.cardNumber, (seenNumbers.get(row.cardNumber) ?? 0) + 1);
  }
  for (const row of rows) {
    const entry = byId.get(row.idNumber);
    const base = { line: row.line, idNumberMasked: masked(row.idNumber), cardNumber: row.cardNumber };
    if (!entry) {
      out.unknown.push({ ...base, applicationId: null, name: row.name, problem: '该身份证号码不在本批次中' });
      continue;
    }
    const problem =
      (seenIds.get(row.idNumber)! > 1 && '文件中同一身份证号码出现多次') ||
      (row.name && row.name !== entry.name && `姓名不符：文件为“${row.name}”，申请为“${entry.name}”`) ||
      (!CARD_NUMBER.test(row.cardNumber) && '卡号应为 6–32 位字母或数字') ||
      (seenNumbers.get(row.cardNumber)! > 1 && '文件中同一卡号出现多次') ||
      (taken.has(row.cardNumber) &&
        taken.get(row.cardNumber) !== entry.applicationId &&
        '该卡号已被其他优待证或申请使用') ||
      (entry.recorded && entry.recorded !== row.cardNumber && `已登记卡号 ${entry.recorded}，与文件不同`) ||
      (!['in_production', 'card_ready'].includes(entry.status) && '该申请不在制卡或待领取状态（可能已发放）') ||
      null;
    const who = { applicationId: entry.applicationId, name: entry.name };
    if (problem) out.mismatched.push({ ...base, ...who, problem });
    else out.matched.push({ ...base, ...who, alreadyRecorded: entry.recorded === row.cardNumber });
  }
  for (const e of entries) {
    if (!seenIds.has(e.idNumber.toUpperCase()))
      out.missing.push({ applicationId: e.applicationId, name: e.name, idNumberMasked: masked(e.idNumber) });
  }
  return out;
}
