import { matrixToRuns, tokenToMatrix } from '../../miniprogram/utils/qr';

/** A token shaped like the server's: q1.<card id>.<jti>.<expiry>.<signature>. */
const serverLike = 'q1.2s.Zm9vYmFyYmF6cXV4.sxq3k0.' + 'A'.repeat(22);

const isQrSize = (n: number) => n >= 21 && n <= 177 && (n - 17) % 4 === 0;

describe('tokenToMatrix', () => {
  it.each([
    ['a short token', 'q1.1.x.y.z'],
    ['a token like the server’s', serverLike],
    ['a long token', 'x'.repeat(300)],
  ])('returns a square matrix the size of a QR version for %s', (_, token) => {
    const m = tokenToMatrix(token);
    expect(isQrSize(m.length)).toBe(true);
    for (const row of m) {
      expect(row).toHaveLength(m.length);
      for (const cell of row) expect(typeof cell).toBe('boolean');
    }
  });

  it('grows with the token: version 1 (21) for a few characters, larger for a longer one', () => {
    expect(tokenToMatrix('q1.1.x.y.z')).toHaveLength(21);
    // 52 bytes at error correction M need version 4 (version 3 holds 42): 33 modules.
    expect(serverLike).toHaveLength(52);
    expect(tokenToMatrix(serverLike)).toHaveLength(33);
    expect(tokenToMatrix('x'.repeat(300)).length).toBeGreaterThan(33);
  });

  it('has the three finder patterns in their corners and is the same for the same token', () => {
    const m = tokenToMatrix(serverLike);
    const n = m.length;
    for (const [r0, c0] of [
      [0, 0],
      [0, n - 7],
      [n - 7, 0],
    ]) {
      for (let i = 0; i < 7; i++) {
        expect(m[r0][c0 + i]).toBe(true);
        expect(m[r0 + 6][c0 + i]).toBe(true);
        expect(m[r0 + i][c0]).toBe(true);
        expect(m[r0 + i][c0 + 6]).toBe(true);
      }
      expect(m[r0 + 1][c0 + 1]).toBe(false);
      expect(m[r0 + 3][c0 + 3]).toBe(true);
    }
    expect(tokenToMatrix(serverLike)).toEqual(m);
    expect(tokenToMatrix(serverLike.replace('Zm9v', 'Zm9w'))).not.toEqual(m);
  });
});

describe('matrixToRuns', () => {
  it('draws each row as runs of one colour, with a quiet zone of four modules all round', () => {
    const m = tokenToMatrix(serverLike);
    const rows = matrixToRuns(m);
    expect(rows).toHaveLength(m.length + 8);
    rows.forEach((runs) => {
      expect(runs.reduce((sum, r) => sum + r.length, 0)).toBe(m.length + 8);
      for (let i = 1; i < runs.length; i++) expect(runs[i].dark).not.toBe(runs[i - 1].dark);
    });
    // Expanding the runs gives the matrix back.
    const expanded = rows.slice(4, -4).map((runs) => {
      const cells: boolean[] = [];
      for (const r of runs) for (let i = 0; i < r.length; i++) cells.push(r.dark);
      return cells.slice(4, -4);
    });
    expect(expanded).toEqual(m);
    expect(rows[0]).toEqual([{ start: 0, dark: false, length: m.length + 8 }]);
    // Each run starts where the one before it ends.
    for (const runs of rows)
      for (let i = 1; i < runs.length; i++) expect(runs[i].start).toBe(runs[i - 1].start + runs[i - 1].length);
  });
});
