/**
 * CSV that Excel opens correctly with Chinese text: UTF-8 with a byte-order mark and CRLF line
 * ends. Cells are quoted when needed, and a cell that a spreadsheet would run as a formula
 * (=, +, -, @ at the start) is prefixed with an apostrophe.
 */
export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const cell = (v: string | number | null) => {
    let s = v === null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
