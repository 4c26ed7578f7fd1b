import ExcelJS from 'exceljs';

export interface ExportSheet {
  name: string;
  columns: string[];
  rows: Array<Array<string | number | boolean | null>>;
}

/** A sheet name Excel accepts: none of []:*?/\, at most 31 characters, unique within the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || '表';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * One workbook of the given tables: a bold, frozen header row, columns as wide as their text.
 * Strings stay strings (a cell beginning with "=" is text, never a formula).
 */
export async function buildWorkbook(sheets: ExportSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(sheetName(s.name, taken));
    sheet.addRow(s.columns).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map((v) => (v === null ? '' : v)));
    s.columns.forEach((title, i) => {
      const longest = Math.max(
        displayWidth(title),
        ...s.rows.slice(0, 500).map((r) => displayWidth(r[i] === null || r[i] === undefined ? '' : String(r[i]))),
      );
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Columns in Excel's units: a CJK character is about two. */
const displayWidth = (s: string) => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
