import fs from 'node:fs';
import path from 'node:path';
import type { AnyModule } from '../server/module';
import { MODULES, TEMPLATES } from '../server/modules';

/** Every page a notice can open must exist in the mini-program, or tapping the notice does nothing. */
describe('pages that notices open', () => {
  const app = JSON.parse(fs.readFileSync(path.join(__dirname, '../miniprogram/app.json'), 'utf8')) as {
    pages: string[];
    subPackages: Array<{ root: string; pages: string[] }>;
  };
  const declared = new Set([
    ...app.pages,
    ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
  ]);
  const paths = [
    ...(MODULES as readonly AnyModule[])
      .flatMap((m) => Object.values(m.pages ?? {}))
      .map((p) => (typeof p === 'function' ? p(1) : p)),
    ...Object.values(TEMPLATES).map((t) => t.page),
  ].map((p) => p.split('?')[0]);

  it.each(paths)('%s is declared in app.json and has its files', (page) => {
    expect(declared.has(page)).toBe(true);
    for (const ext of ['ts', 'wxml', 'json']) {
      expect(fs.existsSync(path.join(__dirname, '../miniprogram', `${page}.${ext}`))).toBe(true);
    }
  });
});
