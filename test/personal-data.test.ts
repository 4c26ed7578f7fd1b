import 'reflect-metadata';
import { getMetadataArgsStorage } from 'typeorm';
import { MODULES } from '../server/modules';

/**
 * A module whose tables name a holder's account or person must say what it keeps about them
 * (`personalData`: read for 我的信息, erased when the account is deleted), or be listed here with the
 * reason it need not.
 */
const NEED_NOT: Record<string, string> = {
  staff: 'its tables name staff accounts (placement) and the audit log, which the law requires kept',
};

const HOLDER_COLUMN = /(^|_)(account_id|person_id)$/;

describe('personal data', () => {
  const storage = getMetadataArgsStorage();
  const holderColumns = (target: unknown) =>
    storage.columns
      .filter((c) => c.target === target)
      .map((c) => String(c.options.name ?? c.propertyName))
      .filter((name) => HOLDER_COLUMN.test(name));

  it('every module whose tables name a holder declares what it keeps about them', () => {
    const missing = MODULES.filter((m) => !m.personalData && !NEED_NOT[m.name])
      .map((m) => ({
        module: m.name,
        columns: (m.entities ?? []).flatMap((e) => holderColumns(e).map((c) => `${e.name}.${c}`)),
      }))
      .filter((m) => m.columns.length > 0);
    expect(missing).toEqual([]);
  });

  it('the exemptions are still needed: each names a module that has such tables and no declaration', () => {
    for (const name of Object.keys(NEED_NOT)) {
      const m = MODULES.find((x) => x.name === name);
      expect(m).toBeDefined();
      expect(m?.personalData).toBeUndefined();
      expect((m?.entities ?? []).some((e) => holderColumns(e).length > 0)).toBe(true);
    }
  });
});
