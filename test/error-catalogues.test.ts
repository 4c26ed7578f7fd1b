import fs from 'node:fs';
import path from 'node:path';
import { codesOf, isErrorFactory } from '../server/lib/error-catalogue';
import {
  forbidden,
  notFound,
  payloadTooLarge,
  rateLimited,
  requestTimeout,
  unauthenticated,
  unsupportedMediaType,
  validationFailed,
  type AppError,
} from '../server/lib/errors';
import { TransitionErrors } from '../server/lib/state-machine';
import { createTestContext, type TestContext } from './helpers/context';

const SERVER = path.join(__dirname, '..', 'server');
const MODULES = path.join(SERVER, 'modules');

/** Every `*.errors.ts` under server/, relative to it. */
function catalogueFiles(dir = SERVER): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return catalogueFiles(full);
    return e.name.endsWith('.errors.ts') ? [path.relative(SERVER, full)] : [];
  });
}

/** The common family of server/http/errors.ts, whose codes any route may answer with. */
const COMMON: AppError[] = [
  validationFailed('field', 'message'),
  unauthenticated(),
  forbidden(),
  notFound(),
  payloadTooLarge(),
  requestTimeout(),
  unsupportedMediaType('message'),
  rateLimited(1),
];

interface Entry {
  file: string;
  name: string;
  code: string;
  status: number;
}

/** Every entry of every catalogue export of every `*.errors.ts`, plus the state machine's. */
function catalogueEntries(): Entry[] {
  const out: Entry[] = [];
  const add = (file: string, catalogue: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(catalogue)) {
      if (isErrorFactory(value)) out.push({ file, name, code: value.code, status: value.status });
    }
  };
  for (const file of catalogueFiles()) {
    const exported = require(path.join(SERVER, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (value && typeof value === 'object') add(file, value as Record<string, unknown>);
    }
  }
  add('lib/state-machine.ts', TransitionErrors);
  return out;
}

describe('error catalogues', () => {
  let t: TestContext;
  /** Route (method and OpenAPI path) → the codes it declares. */
  let declared: Map<string, string[]>;
  beforeAll(async () => {
    t = await createTestContext();
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: { default?: { description: string } } }>>;
    };
    declared = new Map();
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        // The default response reads `Error: CODE_A, CODE_B` when the route declares codes.
        const match = /^Error: (.+)$/.exec(op.responses.default?.description ?? '');
        declared.set(`${method.toUpperCase()} ${p}`, match ? match[1].split(', ') : []);
      }
    }
  });
  afterAll(() => t.close());

  it('has one catalogue for each module that answers with codes of its own', () => {
    const files = catalogueFiles();
    for (const m of [
      'auth',
      'cards',
      'files',
      'health',
      'legal-aid',
      'merchants',
      'notifications',
      'people',
      'staff',
    ]) {
      expect(files).toContain(path.join('modules', m, `${m}.errors.ts`));
    }
    for (const file of files) {
      const exported = require(path.join(SERVER, file)) as Record<string, unknown>;
      const catalogues = Object.values(exported).filter(
        (v) => v && typeof v === 'object' && codesOf(v as Record<string, unknown>).length > 0,
      );
      expect({ file, catalogues: catalogues.length }).toEqual({ file, catalogues: 1 });
    }
  });

  it('builds errors with the code and status the entry declares', () => {
    const entries = catalogueEntries();
    expect(entries.length).toBeGreaterThan(50);
    for (const e of entries) {
      expect(e.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect([400, 401, 403, 404, 409, 413, 415, 429, 502, 503]).toContain(e.status);
    }
  });

  it('gives each code one status everywhere', () => {
    const statusOf = new Map<string, Set<number>>();
    for (const { code, status } of [...catalogueEntries(), ...COMMON]) {
      statusOf.set(code, (statusOf.get(code) ?? new Set()).add(status));
    }
    const mixed = [...statusOf].filter(([, s]) => s.size > 1).map(([code, s]) => `${code}: ${[...s].join('/')}`);
    expect(mixed).toEqual([]);
  });

  it('knows every code a route declares: from a catalogue or the common family', () => {
    const known = new Set([...catalogueEntries().map((e) => e.code), ...COMMON.map((e) => e.code)]);
    const unknown = [...declared].flatMap(([r, codes]) => codes.filter((c) => !known.has(c)).map((c) => `${r}: ${c}`));
    expect(unknown).toEqual([]);
  });

  it('has every catalogue code declared by at least one route', () => {
    expect([...declared.values()].some((codes) => codes.includes('APPLICATION_EXISTS'))).toBe(true);
    const all = new Set([...declared.values()].flat());
    const undeclared = [...new Set(catalogueEntries().map((e) => `${e.code} (${e.file})`))].filter(
      (c) => !all.has(c.split(' ')[0]),
    );
    expect(undeclared).toEqual([]);
  });

  it('leaves no module building its own codes outside its catalogue', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.errors.ts')) {
          const source = fs.readFileSync(full, 'utf8');
          for (const m of source.matchAll(/\b(new AppError|conflict|badRequest|serviceUnavailable|badGateway)\(/g)) {
            offenders.push(`${path.relative(SERVER, full)}: ${m[0]}`);
          }
        }
      }
    };
    walk(MODULES);
    expect(offenders).toEqual([]);
  });
});
