import qrcode from 'qrcode-generator';

/**
 * The QR code of a token as a square of modules, true for dark, without the quiet zone. The
 * smallest version that holds the token at error correction M (15 % of the code may be smudged
 * or covered and it still reads).
 */
export function tokenToMatrix(token: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(token, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const rows: boolean[][] = [];
  for (let r = 0; r < n; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < n; c++) row.push(qr.isDark(r, c));
    rows.push(row);
  }
  return rows;
}

/** A run of modules of one colour within a row: drawn as one view instead of `length` of them. */
export interface QrRun {
  /** The column the run starts at, counting the quiet zone. */
  start: number;
  dark: boolean;
  length: number;
}

/** Each row of the matrix as runs of one colour, with `quiet` light modules around the code. */
export function matrixToRuns(matrix: boolean[][], quiet = 4): QrRun[][] {
  const n = matrix.length;
  const blank = (): QrRun[] => [{ start: 0, dark: false, length: n + 2 * quiet }];
  const rows: QrRun[][] = [];
  for (let i = 0; i < quiet; i++) rows.push(blank());
  for (const row of matrix) {
    const runs: QrRun[] = [{ start: 0, dark: false, length: quiet }];
    row.forEach((dark, c) => {
      const last = runs[runs.length - 1];
      if (last.dark === dark) last.length += 1;
      else runs.push({ start: quiet + c, dark, length: 1 });
    });
    const last = runs[runs.length - 1];
    if (last.dark) runs.push({ start: quiet + n, dark: false, length: quiet });
    else last.length += quiet;
    rows.push(runs);
  }
  for (let i = 0; i < quiet; i++) rows.push(blank());
  return rows;
}
