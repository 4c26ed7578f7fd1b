import fs from 'node:fs';
import path from 'node:path';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { loadConfig, type Config } from '../server/config';
import type { Database } from '../server/db/database';
import { openTestDatabase, testDatabaseUrl } from './helpers/database';

/**
 * Entities and migrations describe one schema. On the database under test (SQLite by default,
 * MariaDB/MySQL with DATABASE_URL), built by the real migrations, every table and column an entity
 * maps must exist with the same nullability, the same coarse type and (for varchar) the same
 * length; every table and column the migrations made must be mapped by an entity, unless it is
 * listed here with the reason.
 */
const TABLES_WITHOUT_ENTITY: Record<string, string> = {
  migrations: "TypeORM's record of the migrations that ran",
};

/** Coarse type families: what the code can rely on reading back, whatever the dialect calls it. */
type Family = 'integer' | 'text' | 'datetime' | 'date' | 'boolean' | 'json' | 'decimal' | 'float' | 'blob';

interface ColumnShape {
  family: Family | `unknown type ${string}`;
  nullable: boolean;
  /** Declared length of a varchar/char column, else null. */
  length: number | null;
}

/** table → column → shape */
type Schema = Map<string, Map<string, ColumnShape>>;

/** The family of a type as declared in either dialect (`varchar(64)`, `int(11)`, `tinyint(1)`, `INTEGER` …). */
function familyOf(declared: string): ColumnShape['family'] {
  const type = declared.trim().toLowerCase();
  if (type === 'tinyint(1)' || type === 'boolean' || type === 'bool') return 'boolean';
  const base = type
    .replace(/\(.*$/, '')
    .replace(/\s+unsigned$/, '')
    .trim();
  if (['int', 'integer', 'bigint', 'smallint', 'mediumint', 'tinyint'].includes(base)) return 'integer';
  if (
    [
      'varchar',
      'char',
      'nvarchar',
      'nchar',
      'text',
      'tinytext',
      'mediumtext',
      'longtext',
      'uuid',
      'simple-json',
      'simple-array',
    ].includes(base)
  ) {
    return 'text';
  }
  if (base === 'datetime' || base === 'timestamp') return 'datetime';
  if (base === 'date') return 'date';
  if (base === 'json' || base === 'jsonb') return 'json';
  if (base === 'decimal' || base === 'numeric') return 'decimal';
  if (['float', 'double', 'double precision', 'real'].includes(base)) return 'float';
  if (base === 'blob' || base === 'longblob' || base === 'varbinary' || base === 'binary') return 'blob';
  return `unknown type ${declared}`;
}

const lengthOf = (declared: string): number | null => {
  const m = /^(?:var)?char\((\d+)\)/i.exec(declared.trim());
  return m ? Number(m[1]) : null;
};

function put(schema: Schema, table: string, column: string, shape: ColumnShape): void {
  if (!schema.has(table)) schema.set(table, new Map());
  schema.get(table)!.set(column, shape);
}

/** The tables and columns the migrations actually built. */
async function databaseSchema(db: Database): Promise<Schema> {
  const schema: Schema = new Map();
  if (db.kind === 'sqlite') {
    const tables: Array<{ name: string }> = await db.manager.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    for (const { name } of tables) {
      const columns: Array<{ name: string; type: string; notnull: number; pk: number }> = await db.manager.query(
        `SELECT name, type, "notnull", pk FROM pragma_table_info(?)`,
        [name],
      );
      for (const c of columns) {
        const family = familyOf(c.type);
        // An INTEGER PRIMARY KEY is the rowid: never null, whatever `notnull` says.
        const nullable = !c.notnull && !(c.pk > 0 && family === 'integer');
        put(schema, name, c.name, { family, nullable, length: lengthOf(c.type) });
      }
    }
    return schema;
  }
  const columns: Array<{ tableName: string; columnName: string; columnType: string; isNullable: string }> =
    await db.manager.query(
      `SELECT table_name AS tableName, column_name AS columnName, column_type AS columnType, is_nullable AS isNullable
       FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`,
    );
  // MariaDB stores JSON as LONGTEXT guarded by a json_valid() check named after the column.
  const checks: Array<{ tableName: string; clause: string }> = await db.manager.query(
    `SELECT table_name AS tableName, check_clause AS clause
       FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()`,
  );
  const jsonColumns = new Set(
    checks.flatMap((c) => {
      const m = /^json_valid\(`([^`]+)`\)$/i.exec(c.clause.trim());
      return m ? [`${c.tableName}.${m[1]}`] : [];
    }),
  );
  for (const c of columns) {
    const family = jsonColumns.has(`${c.tableName}.${c.columnName}`) ? 'json' : familyOf(c.columnType);
    put(schema, c.tableName, c.columnName, {
      family,
      nullable: c.isNullable === 'YES',
      length: lengthOf(c.columnType),
    });
  }
  return schema;
}

/** What a column typed only by its property's class (no `type:`) becomes. */
const CLASS_TYPES: Record<string, string> = {
  Number: 'integer',
  String: 'varchar',
  Boolean: 'boolean',
  Date: 'datetime',
};

function entityShape(column: ColumnMetadata): ColumnShape {
  const declared =
    typeof column.type === 'function' ? (CLASS_TYPES[column.type.name] ?? column.type.name) : String(column.type);
  // A varchar without a length is left to the dialect's default: nothing to compare.
  const length = /^(?:var)?char$/i.test(declared) && column.length ? Number(column.length) : null;
  return { family: familyOf(declared), nullable: column.isNullable, length };
}

/** The tables and columns the entities map, with the entity that maps each table. */
function entitySchema(db: Database): { schema: Schema; owners: Map<string, string> } {
  const schema: Schema = new Map();
  const owners = new Map<string, string>();
  for (const meta of db.dataSource.entityMetadatas) {
    if (meta.tableType === 'view') continue;
    owners.set(meta.tableName, owners.has(meta.tableName) ? `${owners.get(meta.tableName)}, ${meta.name}` : meta.name);
    for (const column of meta.columns) {
      if (column.isVirtualProperty) continue;
      put(schema, meta.tableName, column.databaseName, entityShape(column));
    }
  }
  return { schema, owners };
}

/** Every way the two disagree, one readable line each. */
function differences(actual: Schema, mapped: Schema, owners: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [table, columns] of mapped) {
    const entity = owners.get(table);
    const real = actual.get(table);
    if (!real) {
      out.push(`${table}: mapped by ${entity}, but no migration creates the table`);
      continue;
    }
    for (const [column, want] of columns) {
      const have = real.get(column);
      if (!have) {
        out.push(`${table}.${column}: mapped by ${entity}, but the table has no such column`);
        continue;
      }
      if (have.family !== want.family)
        out.push(`${table}.${column}: ${have.family} in the database, ${want.family} in ${entity}`);
      if (have.nullable !== want.nullable) {
        const says = (n: boolean) => (n ? 'nullable' : 'NOT NULL');
        out.push(`${table}.${column}: ${says(have.nullable)} in the database, ${says(want.nullable)} in ${entity}`);
      }
      if (have.family === 'text' && want.length !== null && have.length !== want.length) {
        out.push(
          `${table}.${column}: length ${have.length ?? 'unbounded'} in the database, ${want.length} in ${entity}`,
        );
      }
    }
    for (const column of real.keys()) {
      if (!columns.has(column)) out.push(`${table}.${column}: in the database, not mapped by ${entity}`);
    }
  }
  for (const table of actual.keys()) {
    if (!mapped.has(table) && !(table in TABLES_WITHOUT_ENTITY)) {
      out.push(
        `${table}: in the database with no entity (map it, or list it in TABLES_WITHOUT_ENTITY with the reason)`,
      );
    }
  }
  return out.sort();
}

describe('schema: entities and migrations', () => {
  let database: Config['database'];
  let db: Database;
  beforeAll(async () => {
    database = loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDatabaseUrl() }).database;
    db = await openTestDatabase(database);
  });
  afterAll(async () => {
    await db?.close();
    if (database?.type === 'sqlite') fs.rmSync(path.dirname(database.file), { recursive: true, force: true });
  });

  it('agree column by column: names, nullability, type and length', async () => {
    const { schema, owners } = entitySchema(db);
    expect(differences(await databaseSchema(db), schema, owners)).toEqual([]);
  });

  it('list as having no entity only tables that exist', async () => {
    const actual = await databaseSchema(db);
    for (const table of Object.keys(TABLES_WITHOUT_ENTITY)) expect(actual.has(table)).toBe(true);
  });

  // The comparison itself: a check that finds nothing must be able to find something.
  it('report a missing table, a missing column, a column not mapped and a column that differs', () => {
    const shape = (family: Family, nullable: boolean, length: number | null = null): ColumnShape => ({
      family,
      nullable,
      length,
    });
    const actual: Schema = new Map([
      [
        'person',
        new Map([
          ['id', shape('integer', false)],
          ['name', shape('text', true, 32)],
          ['extra', shape('text', true)],
        ]),
      ],
      ['migrations', new Map([['id', shape('integer', false)]])],
      ['stray', new Map([['id', shape('integer', false)]])],
    ]);
    const mapped: Schema = new Map([
      [
        'person',
        new Map([
          ['id', shape('integer', false)],
          ['name', shape('text', false, 64)],
          ['born_at', shape('datetime', false)],
        ]),
      ],
      ['card', new Map([['id', shape('integer', false)]])],
    ]);
    const owners = new Map([
      ['person', 'Person'],
      ['card', 'Card'],
    ]);
    expect(differences(actual, mapped, owners)).toEqual([
      'card: mapped by Card, but no migration creates the table',
      'person.born_at: mapped by Person, but the table has no such column',
      'person.extra: in the database, not mapped by Person',
      'person.name: length 32 in the database, 64 in Person',
      'person.name: nullable in the database, NOT NULL in Person',
      'stray: in the database with no entity (map it, or list it in TABLES_WITHOUT_ENTITY with the reason)',
    ]);
  });

  it("sort each dialect's names for a type into the same family", () => {
    expect(['int(11)', 'INTEGER', 'bigint(20)', 'bigint', 'integer'].map(familyOf)).toEqual(Array(5).fill('integer'));
    expect(['varchar(64)', 'varchar', 'text', 'longtext', 'TEXT'].map(familyOf)).toEqual(Array(5).fill('text'));
    expect(['tinyint(1)', 'boolean'].map(familyOf)).toEqual(['boolean', 'boolean']);
    expect(['datetime', 'timestamp', 'date', 'json'].map(familyOf)).toEqual(['datetime', 'datetime', 'date', 'json']);
    expect(familyOf('geometry')).toBe('unknown type geometry');
  });
});
