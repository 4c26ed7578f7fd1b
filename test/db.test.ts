import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryFailedError } from 'typeorm';
import { openDatabase } from '../server/db/data-source';
import { isUniqueViolation, onUniqueViolation } from '../server/db/errors';
import { AppError, conflict } from '../server/lib/errors';
import { District } from '../server/modules/staff/district.entity';
import { createTestContext, type TestContext } from './helpers/context';
import { usingMysql } from './helpers/database';
import { unique } from './helpers/factories';

/** A district code (varchar 12) unique within the run. */
const code = () => unique('').slice(-12);

describe('database', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const db = () => t.container.db;

  async function insertDistrict(name = '测试区', createdAt = t.clock.now()): Promise<number> {
    const res = await db().transaction((em) => em.insert(District, { code: code(), name, createdAt }));
    return Number(res.identifiers[0].id);
  }

  (usingMysql() ? it : it.skip)('asks mysql2 for no stack trace per query (its errors keep their code)', async () => {
    const pool = (db().dataSource.driver as unknown as { pool: { config: { connectionConfig: { trace: boolean } } } })
      .pool;
    expect(pool.config.connectionConfig.trace).toBe(false);
    const failed = await db()
      .manager.query('SELECT * FROM no_such_table')
      .catch((e: unknown) => e as { code?: string });
    expect(failed).toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
  });

  describe('transactions', () => {
    it('runs 20 overlapping read-modify-write transactions without losing one', async () => {
      const id = await insertDistrict('c');
      const letters = 'abcdefghijklmnopqrst'.split('');
      const results = await Promise.allSettled(
        letters.map((letter) =>
          db().transaction(async (em) => {
            // On MySQL the row is locked for the read, as a real read-modify-write must be;
            // on SQLite the helper itself runs transactions one at a time.
            const row = await em.findOne(District, {
              where: { id },
              ...(db().kind === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
            });
            // Yield between the read and the write so overlapping transactions would interleave.
            await new Promise((resolve) => setImmediate(resolve));
            await em.update(District, { id }, { name: row!.name + letter });
            return letter;
          }),
        ),
      );
      const failures = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(failures.map((f) => String(f.reason))).toEqual([]);

      const final = await db().manager.findOneByOrFail(District, { id });
      expect(final.name).toHaveLength(1 + letters.length);
      expect(final.name.startsWith('c')).toBe(true);
      expect(final.name.slice(1).split('').sort()).toEqual(letters);
    });

    it('rolls back every write of a transaction that throws', async () => {
      const rolledBack = code();
      await expect(
        db().transaction(async (em) => {
          await em.insert(District, { code: rolledBack, name: '回滚区', createdAt: t.clock.now() });
          expect(await em.countBy(District, { code: rolledBack })).toBe(1);
          throw new Error('abandon the change');
        }),
      ).rejects.toThrow('abandon the change');
      expect(await db().manager.countBy(District, { code: rolledBack })).toBe(0);
    });

    it('keeps working after a transaction fails', async () => {
      await expect(db().transaction(async () => Promise.reject(new Error('first fails')))).rejects.toThrow(
        'first fails',
      );
      const id = await insertDistrict('之后');
      expect(await db().manager.countBy(District, { id })).toBe(1);
    });

    it('refuses a transaction opened inside another one, with a clear error', async () => {
      const outerCode = code();
      await expect(
        db().transaction(async (em) => {
          await em.insert(District, { code: outerCode, name: '外层', createdAt: t.clock.now() });
          await db().transaction(async () => undefined);
        }),
      ).rejects.toThrow(/Nested transaction/);
      // The outer transaction failed as a whole.
      expect(await db().manager.countBy(District, { code: outerCode })).toBe(0);
      // And the helper is not left stuck.
      await expect(db().transaction(async () => 'after')).resolves.toBe('after');
    });

    it('returns the value of the work', async () => {
      await expect(db().transaction(async () => 42)).resolves.toBe(42);
    });
  });

  describe('reads outside a transaction', () => {
    /** A promise the test settles by hand, to hold a transaction open. */
    function gate(): { promise: Promise<void>; open: () => void } {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      return { promise, open };
    }

    it('never see what an open transaction has written, and nothing of it once it rolls back', async () => {
      const existing = await insertDistrict('原名');
      const pending = code();
      const written = gate();
      const release = gate();
      const open = db().transaction(async (em) => {
        await em.insert(District, { code: pending, name: '未提交区', createdAt: t.clock.now() });
        await em.update(District, { id: existing }, { name: '改名未提交' });
        written.open();
        await release.promise;
        throw new Error('abandon the change');
      });
      try {
        await written.promise;
        // Another request, reading while the transaction is open.
        const during = {
          inserted: await db().manager.countBy(District, { code: pending }),
          name: (await db().manager.findOneByOrFail(District, { id: existing })).name,
          raw: (await db().manager.query('SELECT COUNT(*) AS n FROM district WHERE code = ?', [pending])) as Array<{
            n: unknown;
          }>,
        };
        expect({ inserted: during.inserted, name: during.name, raw: Number(during.raw[0].n) }).toEqual({
          inserted: 0,
          name: '原名',
          raw: 0,
        });
      } finally {
        release.open();
        await expect(open).rejects.toThrow('abandon the change');
      }
      expect(await db().manager.countBy(District, { code: pending })).toBe(0);
      expect((await db().manager.findOneByOrFail(District, { id: existing })).name).toBe('原名');
    });

    it('see every write the moment its transaction commits', async () => {
      const id = await insertDistrict('第一版');
      expect((await db().manager.findOneByOrFail(District, { id })).name).toBe('第一版');
      for (const name of ['第二版', '第三版']) {
        await db().transaction((em) => em.update(District, { id }, { name }));
        expect((await db().manager.findOneByOrFail(District, { id })).name).toBe(name);
      }
    });

    (usingMysql() ? it.skip : it)('refuse to write on SQLite: writes take their turn in `transaction`', async () => {
      await expect(
        db().manager.insert(District, { code: code(), name: '绕过区', createdAt: t.clock.now() }),
      ).rejects.toThrow(/readonly|read-only/i);
    });

    (usingMysql() ? it.skip : it)('on an SQLite file, do not wait for an open transaction', async () => {
      const release = gate();
      const started = gate();
      const open = db().transaction(async () => {
        started.open();
        await release.promise;
      });
      try {
        await started.promise;
        await expect(db().manager.countBy(District, {})).resolves.toEqual(expect.any(Number));
      } finally {
        release.open();
        await open;
      }
    });

    (usingMysql() ? it.skip : it)('on an in-memory SQLite database, wait for the open transaction to end', async () => {
      const memory = await openDatabase({ type: 'sqlite', url: 'sqlite::memory:', file: ':memory:' });
      const release = gate();
      try {
        const pending = code();
        const written = gate();
        const open = memory.transaction(async (em) => {
          await em.insert(District, { code: pending, name: '未提交区', createdAt: t.clock.now() });
          written.open();
          await release.promise;
          throw new Error('abandon the change');
        });
        await written.promise;
        let answered = false;
        const reading = memory.manager.countBy(District, { code: pending }).finally(() => (answered = true));
        for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
        expect(answered).toBe(false);
        release.open();
        await expect(open).rejects.toThrow('abandon the change');
        expect(await reading).toBe(0);

        // A read made from inside a transaction's own work runs at once rather than waiting for itself.
        await expect(
          memory.transaction(async (em) => {
            await em.insert(District, { code: code(), name: '已提交区', createdAt: t.clock.now() });
            return memory.manager.countBy(District, {});
          }),
        ).resolves.toBe(1);
        expect(await memory.manager.countBy(District, {})).toBe(1);
      } finally {
        release.open();
        await memory.close();
      }
    });

    (usingMysql() ? it.skip : it)('close with the database: both connections of an SQLite file end', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-close-'));
      try {
        const file = path.join(dir, 'close.sqlite');
        const own = await openDatabase({ type: 'sqlite', url: `sqlite:${file}`, file });
        await own.transaction((em) => em.insert(District, { code: code(), name: '关闭区', createdAt: t.clock.now() }));
        expect(await own.manager.countBy(District, {})).toBe(1);
        expect(fs.existsSync(`${file}-wal`)).toBe(true);
        await own.close();
        // Only the last connection to close folds the WAL back into the file and removes it.
        expect(fs.existsSync(`${file}-wal`)).toBe(false);
        await expect(own.manager.countBy(District, {})).rejects.toThrow();
        await own.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('unique violations', () => {
    async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
      try {
        await work();
      } catch (err) {
        return err;
      }
      throw new Error('expected the database to refuse the write');
    }

    const duplicateInsert = async () => {
      const dup = code();
      await insertDistrict();
      await db().transaction((em) => em.insert(District, { code: dup, name: '甲', createdAt: t.clock.now() }));
      return db().transaction((em) => em.insert(District, { code: dup, name: '乙', createdAt: t.clock.now() }));
    };

    it('recognises a duplicate district code on this driver', async () => {
      const err = await errorOf(duplicateInsert);
      expect(err).toBeInstanceOf(QueryFailedError);
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('does not mistake a NOT NULL violation or other errors for one', async () => {
      const notNull = await errorOf(() =>
        db().transaction((em) =>
          em.query('INSERT INTO district (code, name, created_at) VALUES (?, NULL, ?)', [code(), t.clock.now()]),
        ),
      );
      expect(notNull).toBeInstanceOf(QueryFailedError);
      expect(isUniqueViolation(notNull)).toBe(false);
      expect(isUniqueViolation(new Error('duplicate entry'))).toBe(false);
      expect(isUniqueViolation(null)).toBe(false);
      expect(isUniqueViolation(undefined)).toBe(false);
      expect(isUniqueViolation('ER_DUP_ENTRY')).toBe(false);
    });

    it('maps a unique violation to the domain error the caller names', async () => {
      const err = await errorOf(() =>
        onUniqueViolation(duplicateInsert, () => conflict('DISTRICT_EXISTS', '该区已存在')),
      );
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 409, code: 'DISTRICT_EXISTS' });
    });

    it('passes other errors through unchanged, and results through untouched', async () => {
      const original = new Error('something else');
      const err = await errorOf(() =>
        onUniqueViolation(
          () => Promise.reject(original),
          () => conflict('DISTRICT_EXISTS', '该区已存在'),
        ),
      );
      expect(err).toBe(original);
      await expect(
        onUniqueViolation(
          async () => 'ok',
          () => new Error('unused'),
        ),
      ).resolves.toBe('ok');
    });
  });

  describe('migrations', () => {
    it('have all been applied, so running them again applies nothing', async () => {
      await expect(db().dataSource.showMigrations()).resolves.toBe(false);
      const applied = await db().dataSource.runMigrations({ transaction: db().kind === 'mysql' ? 'none' : 'each' });
      expect(applied).toEqual([]);
    });

    it('are recorded in the migrations table', async () => {
      const rows: Array<{ name: string }> = await db().manager.query('SELECT name FROM migrations');
      expect(rows.map((r) => r.name)).toContain('Foundation1763900000000');
    });
  });

  describe('date and time', () => {
    it('round-trips a datetime as the same instant, stored as UTC', async () => {
      const at = new Date('2026-01-02T03:04:05Z');
      const id = await insertDistrict('时间区', at);
      const row = await db().manager.findOneByOrFail(District, { id });
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(Math.floor(row.createdAt.getTime() / 1000)).toBe(Math.floor(at.getTime() / 1000));

      // The stored wall-clock text is UTC, not the server's local zone.
      const sql =
        db().kind === 'mysql'
          ? "SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') AS v FROM district WHERE id = ?"
          : 'SELECT created_at AS v FROM district WHERE id = ?';
      const [raw] = (await db().manager.query(sql, [id])) as Array<{ v: string }>;
      expect(String(raw.v).startsWith('2026-01-02 03:04:05')).toBe(true);
    });

    it('reads times filled in by the database itself as the current UTC instant, on every connection', async () => {
      // Overlapping transactions hold several pooled connections at once on MySQL.
      const codes = Array.from({ length: 8 }, () => code());
      await Promise.all(
        codes.map((c) =>
          db().transaction(async (em) => {
            await em.query('INSERT INTO district (code, name) VALUES (?, ?)', [c, '默认时间区']);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }),
        ),
      );
      const rows = await db().manager.find(District, { where: codes.map((c) => ({ code: c })) });
      expect(rows).toHaveLength(codes.length);
      for (const row of rows) {
        // A zone mix-up shows as whole hours off; an hour's tolerance still catches it.
        expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60 * 60 * 1000);
      }
    });
  });
});
