import ExcelJS from 'exceljs';
import { validationFailed } from './errors';

/**
 * Tables uploaded by staff (a bank's returned file, a bureau's roster): CSV in UTF-8 or GB18030,
 * or .xlsx, told apart by their first bytes, read as rows of text cells.
 */

/** A cell as the bank's software or a spreadsheet writes it: `="0123"`, a leading apostrophe, spaces. */
export function cleanCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v).trim();
  const formula = /^="(.*)"$/.exec(s);
  if (formula) s = formula[1];
  if (s.startsWith("'")) s = s.slice(1);
  return s.trim();
}

/** CSV text as rows of cells (quotes, doubled quotes, CRLF or LF, a byte-order mark). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw validationFailed('file', '无法读取该 Excel 文件，请确认是 .xlsx 格式');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw validationFailed('file', 'Excel 文件中没有工作表');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (c, col) => {
      cells[col - 1] = c.text ?? '';
    });
    rows.push(Array.from(cells, (x) => x ?? ''));
  });
  return rows;
}

/**
 * CSV text from its bytes: UTF-8 (with or without a byte-order mark), else GB18030 as Chinese
 * spreadsheet software saves it. Bytes that are neither, or hold NUL bytes, are not a CSV file.
 */
function csvText(bytes: Buffer, notTable: () => Error): string {
  if (bytes.includes(0)) throw notTable();
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // next encoding
    }
  }
  throw notTable();
}

/**
 * The rows of an uploaded table (CSV or .xlsx by its first bytes). A file of another kind (PDF,
 * image, old .xls) is `notTable()` (the caller's 415); a file of the right kind that cannot be
 * read is 400.
 */
export async function readTable(bytes: Buffer, notTable: () => Error): Promise<string[][]> {
  const isZip = bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  return isZip ? xlsxRows(bytes) : parseCsv(csvText(bytes, notTable));
}
