/** A cell a spreadsheet must keep as text even though it looks like a number (an ID number). */
export interface TextCell {
  text: string;
}

export type CsvCell = string | number | null | TextCell;

/**
 * CSV that Excel opens correctly with Chinese text: UTF-8 with a byte-order mark and CRLF line
 * ends. Cells are quoted when needed, and a cell that a spreadsheet would run as a formula
 * (=, +, -, @ at the start) is prefixed with an apostrophe. A text cell made only of digits and
 * letters is written as `="…"`, the one form Excel reads as text without dropping digits.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  const cell = (v: CsvCell) => {
    if (v !== null && typeof v === 'object') {
      if (/^[0-9A-Za-z]+$/.test(v.text)) return `"=""${v.text}"""`;
      v = v.text;
    }
    let s = v === null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
