import { HOLDER_CATEGORIES, ID_NUMBER_MESSAGES, type HolderCategory, parseIdNumber } from '../../lib/id-number';
import { unsupportedMediaType, validationFailed } from '../../lib/errors';
import { cleanCell, readTable } from '../../lib/spreadsheet';
import { CATEGORY_ALIASES, CATEGORY_WORDS, ROSTER_STAGES, type RosterStage, STAGE_WORDS } from './roster.types';

/** The largest roster file taken: a district's roster of tens of thousands of rows as .xlsx is well under this. */
export const ROSTER_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** Data rows in one file at most. */
export const ROSTER_MAX_ROWS = 50_000;

/** A row that passed every check, ready to write. */
export interface RosterRow {
  /** The row's line in the file (1 = the header). */
  line: number;
  name: string;
  /** Normalized (upper-case X). */
  idNumber: string;
  category: HolderCategory;
  stationId: number;
  phone: string | null;
  /** Null when the file leaves it empty: a new entry takes the category's usual stage, an existing one keeps its own. */
  stage: RosterStage | null;
}

export interface RejectedRow {
  row: number;
  reasons: string[];
}

/** A station as the rows name it: by name or by number (its id). */
export interface StationRef {
  id: number;
  name: string;
}

const NAME = /^[\p{Script=Han}A-Za-z·•.\s]{2,30}$/u;
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** The columns, found by the words in their headers. */
const COLUMNS = {
  name: { words: ['姓名'], required: true },
  idNumber: { words: ['身份证'], required: true },
  category: { words: ['类别'], required: true },
  station: { words: ['服务站'], required: true },
  phone: { words: ['联系电话', '电话', '手机'], required: false },
  stage: { words: ['阶段'], required: false },
} as const;
type Column = keyof typeof COLUMNS;

const notRosterFile = () =>
  unsupportedMediaType('请上传 CSV 或 Excel（.xlsx）格式的名册；旧版 .xls 请在 Excel 中另存为 .xlsx 后再导入');

const categoryOf = (text: string): HolderCategory | null => {
  const t = text.trim();
  if ((HOLDER_CATEGORIES as readonly string[]).includes(t)) return t as HolderCategory;
  const byWord = HOLDER_CATEGORIES.find((c) => CATEGORY_WORDS[c] === t);
  return byWord ?? CATEGORY_ALIASES[t] ?? null;
};

const stageOf = (text: string): RosterStage | null => {
  const t = text.trim();
  if ((ROSTER_STAGES as readonly string[]).includes(t)) return t as RosterStage;
  return ROSTER_STAGES.find((s) => STAGE_WORDS[s] === t || `${STAGE_WORDS[s]}阶段` === t) ?? null;
};

/**
 * The roster file's rows, cells cleaned, with the line each sits on. The header row is the first
 * that names an ID number column; 姓名, 身份证号, 类别 and 服务站 must be there (联系电话 and 阶段 may).
 * No file is 400; a file of another kind 415; no data rows or too many 400.
 */
export async function readRosterFile(
  bytes: Buffer | undefined,
): Promise<Array<{ line: number; cells: Record<Column, string> }>> {
  if (!bytes || bytes.length === 0) throw validationFailed('file', '请选择名册文件（CSV 或 Excel .xlsx）');
  const table = await readTable(bytes, notRosterFile);
  const headerAt = table.findIndex((r) => r.some((c) => cleanCell(c).includes('身份证')));
  if (headerAt < 0) throw validationFailed('file', '文件中没有“身份证号”列，请使用名册模板的表头');
  const header = table[headerAt].map(cleanCell);
  const at = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [column, spec] of Object.entries(COLUMNS) as Array<[Column, (typeof COLUMNS)[Column]]>) {
    at[column] = header.findIndex((h) => spec.words.some((w) => h.includes(w)));
    if (at[column] < 0 && spec.required) missing.push(spec.words[0]);
  }
  if (missing.length) throw validationFailed('file', `文件缺少这些列：${missing.join('、')}`);
  const rows: Array<{ line: number; cells: Record<Column, string> }> = [];
  table.slice(headerAt + 1).forEach((r, i) => {
    const cells = {} as Record<Column, string>;
    for (const column of Object.keys(COLUMNS) as Column[])
      cells[column] = at[column] < 0 ? '' : cleanCell(r[at[column]]);
    if (Object.values(cells).every((c) => c === '')) return;
    rows.push({ line: headerAt + i + 2, cells });
  });
  if (!rows.length) throw validationFailed('file', '文件中没有数据行');
  if (rows.length > ROSTER_MAX_ROWS) throw validationFailed('file', `一次最多导入 ${ROSTER_MAX_ROWS} 行，请分批导入`);
  return rows;
}

/**
 * Checks each row on its own: the name, the ID number (GB 11643 with its check digit), the
 * category (code or words), the station (name or number; it must exist, and `mayImport` must
 * allow it for the caller), the phone and stage when given. Rows that share an ID number are
 * all rejected: nothing is guessed about which one is right.
 */
export function checkRosterRows(
  rows: Array<{ line: number; cells: Record<Column, string> }>,
  ctx: { stations: readonly StationRef[]; mayImport: (stationId: number) => string | null; now: Date },
): { rows: RosterRow[]; rejected: RejectedRow[] } {
  const byId = new Map(ctx.stations.map((s) => [String(s.id), s]));
  const byName = new Map<string, StationRef[]>();
  for (const s of ctx.stations) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);

  const linesOf = new Map<string, number[]>();
  const checked = rows.map(({ line, cells }) => {
    const reasons: string[] = [];
    if (!cells.name) reasons.push('姓名为空');
    else if (!NAME.test(cells.name)) reasons.push('姓名应为 2–30 个汉字或字母');

    const parsed = parseIdNumber(cells.idNumber, ctx.now);
    const idNumber = parsed.ok ? parsed.facts.normalized : null;
    if (!cells.idNumber) reasons.push('身份证号为空');
    else if (!parsed.ok) reasons.push(ID_NUMBER_MESSAGES[parsed.problem]);
    if (idNumber) linesOf.set(idNumber, [...(linesOf.get(idNumber) ?? []), line]);

    const category = categoryOf(cells.category);
    if (!category) reasons.push(`类别“${cells.category}”无法识别，应为${Object.values(CATEGORY_WORDS).join('、')}之一`);

    const named = byId.get(cells.station) ? [byId.get(cells.station)!] : (byName.get(cells.station) ?? []);
    let stationId: number | null = null;
    if (!cells.station) reasons.push('服务站为空');
    else if (named.length === 0) reasons.push(`服务站“${cells.station}”不存在`);
    else if (named.length > 1) reasons.push(`服务站名称“${cells.station}”有重名，请填写服务站编号`);
    else {
      const refused = ctx.mayImport(named[0].id);
      if (refused) reasons.push(refused);
      else stationId = named[0].id;
    }

    const phone = cells.phone.replace(/\s/g, '') || null;
    if (phone && !PHONE.test(phone)) reasons.push('联系电话应为 11 位手机号码或带区号的固定电话');

    const stage = cells.stage ? stageOf(cells.stage) : null;
    if (cells.stage && !stage)
      reasons.push(`阶段“${cells.stage}”无法识别，应为${Object.values(STAGE_WORDS).join('、')}之一`);

    return { line, reasons, row: { line, name: cells.name, idNumber, category, stationId, phone, stage } };
  });

  const out: { rows: RosterRow[]; rejected: RejectedRow[] } = { rows: [], rejected: [] };
  for (const c of checked) {
    const same = c.row.idNumber ? (linesOf.get(c.row.idNumber) ?? []) : [];
    if (same.length > 1) c.reasons.push(`身份证号与第 ${same.filter((l) => l !== c.line).join('、')} 行重复`);
    if (c.reasons.length) out.rejected.push({ row: c.line, reasons: c.reasons });
    else out.rows.push(c.row as RosterRow);
  }
  return out;
}
