import type { ApiClient } from '../api/client';
import type { Table } from './tables';

/**
 * Downloads the tables as one Excel workbook. The server writes it (exceljs is already a server
 * dependency): the browser bundle stays small and no workbook code runs under the page's CSP.
 */
export async function downloadWorkbook(client: ApiClient, filename: string, tables: Table[]): Promise<void> {
  const res = await client.request<Response>('POST', '/api/v1/staff/exports/xlsx', {
    raw: true,
    body: { filename, sheets: toSheets(tables) },
  });
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${filename}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The export's sheets: tables with rows (an empty table still gets its header), names within Excel's 31. */
export function toSheets(tables: Table[]) {
  return tables.map((t) => ({
    name: t.name.slice(0, 31),
    columns: t.columns,
    rows: t.rows.map((r) => r.map((c) => (typeof c === 'number' && !Number.isFinite(c) ? null : c))),
  }));
}
