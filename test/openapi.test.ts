import { validate } from '@readme/openapi-parser';
import { buildApiDocument } from '../scripts/gen-api-types';
import { createTestContext, type TestContext } from './helpers/context';

/** Every `$ref` in the document, to check that each one resolves. */
function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

describe('GET /api/v1/openapi.json', () => {
  let t: TestContext;
  let doc: Record<string, unknown> & {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  beforeAll(async () => {
    t = await createTestContext();
    doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    if (!result.valid)
      throw new Error(`invalid OpenAPI document:\n${result.errors.map((e) => e.message).join('\n\n')}`);
    expect(result.valid).toBe(true);
  });

  it('has every reference resolving inside the document', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      const name = ref.split('/').pop()!;
      expect((doc.components as { schemas: Record<string, unknown> }).schemas).toHaveProperty(name);
    }
  });

  it('declares a JSON schema for every JSON answer', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, res] of Object.entries(op.responses)) {
          const r = res as { content?: Record<string, { schema?: unknown }> };
          if (status === '204') continue;
          if (!r.content) missing.push(`${method.toUpperCase()} ${path} → ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('is the document the mini-program’s types are generated from', async () => {
    expect(await buildApiDocument()).toEqual(doc);
  });
});
