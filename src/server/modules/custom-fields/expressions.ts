import { type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CustomFieldEntity, CustomFieldType } from '../../../shared/schemas/custom-fields.js';
import type { ListField } from '../../platform/list-filters.js';

/**
 * SQL for custom-field values inside the records' `custom` JSON. The filter, the sort and the
 * per-field index are built from the same expression text here, because a database uses an
 * expression index only for a query that repeats the expression exactly (see docs/DECISIONS.md).
 */

interface FieldRef {
  entity: CustomFieldEntity;
  key: string;
  type: CustomFieldType;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The key goes into SQL as a literal (a bound parameter would not match the index): only the safe alphabet. */
function literalKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Unsafe custom field key ${JSON.stringify(key)}`);
  return `'${key}'`;
}

const numeric = (t: CustomFieldType) => t === 'number' || t === 'money';
/** Types with a btree index: those a list sorts by. Long text may exceed a btree entry; multi-select gets GIN. */
const sortable = (t: CustomFieldType) => t !== 'longText' && t !== 'multiSelect';

/**
 * The value of a field as SQL. `column` is the qualified JSON column in queries ("organizations.custom")
 * and the bare column name in index definitions; the databases match both to the same index.
 */
function valueSql(pg: boolean, column: RawBuilder<unknown>, f: FieldRef): RawBuilder<unknown> {
  const key = sql.raw(literalKey(f.key));
  if (!pg) return sql`json_extract(${column}, ${sql.raw(`'$.${f.key}'`)})`;
  if (f.type === 'multiSelect') return sql`(${column} -> ${key})`;
  // A value of another JSON type (never written by the API) reads as empty instead of failing the cast.
  if (numeric(f.type)) return sql`(case when jsonb_typeof(${column} -> ${key}) = 'number' then (${column} ->> ${key})::numeric end)`;
  return sql`(${column} ->> ${key})`;
}

/** The field as a list filter / sort, for the list-filters engine. */
export function listFieldOf(db: Kysely<any>, f: FieldRef): ListField {
  const pg = isPostgres(db);
  const column = sql.ref(`${f.entity}.custom`);
  const expression = valueSql(pg, column, f);
  const base = { expression, nullable: true, sortable: sortable(f.type) };
  switch (f.type) {
    case 'number':
    case 'money':
      return { ...base, kind: 'number' };
    case 'date':
      return { ...base, kind: 'date' };
    case 'boolean':
      // ->> gives 'true' / 'false'; json_extract gives 1 / 0.
      return { ...base, kind: 'boolean', boolValue: (b) => (pg ? String(b) : b ? 1 : 0) };
    case 'select':
      return { ...base, kind: 'enum' };
    case 'user':
      return { ...base, kind: 'id' };
    case 'multiSelect':
      return {
        ...base,
        kind: 'multi',
        // jsonb containment and ?| are what the GIN index serves; SQLite walks the array.
        has: (value) =>
          pg
            ? sql<SqlBool>`${expression} @> ${JSON.stringify([value])}::jsonb`
            : sql<SqlBool>`exists (select 1 from json_each(${column}, ${sql.raw(`'$.${f.key}'`)}) where value = ${value})`,
        hasAny: (values) =>
          pg
            ? sql<SqlBool>`${expression} ?| ${values}::text[]`
            : sql<SqlBool>`exists (select 1 from json_each(${column}, ${sql.raw(`'$.${f.key}'`)}) where value in (${sql.join(values)}))`,
        isEmpty: () => sql<SqlBool>`${expression} is null`,
      };
    default:
      return { ...base, kind: 'text' };
  }
}

/** PostgreSQL limits identifiers to 63 bytes: "cf_organizations_" + a 40-character key fits. */
export const indexName = (entity: CustomFieldEntity, key: string) => `cf_${entity}_${key}`;

/**
 * Creates the field's index (idempotent). On PostgreSQL outside any transaction and CONCURRENTLY,
 * so a million-row table stays writable while it builds; a failed build leaves an invalid index
 * behind, which is dropped so the next attempt starts clean.
 */
export async function createValueIndex(db: Kysely<any>, f: FieldRef): Promise<void> {
  const name = sql.id(indexName(f.entity, f.key));
  const table = sql.table(f.entity);
  const pg = isPostgres(db);
  const value = valueSql(pg, sql.ref('custom'), f);
  if (!pg) {
    if (f.type === 'longText' || f.type === 'multiSelect') return;
    await sql`create index if not exists ${name} on ${table} (${value}, id)`.execute(db);
    return;
  }
  if (f.type === 'longText') return;
  const ddl =
    f.type === 'multiSelect'
      ? sql`create index concurrently if not exists ${name} on ${table} using gin (${value})`
      : sql`create index concurrently if not exists ${name} on ${table} (${value} nulls first, id)`;
  await withIndexLock(db, async (conn) => {
    try {
      await ddl.execute(conn);
    } catch (err) {
      await sql`drop index if exists ${name}`.execute(conn);
      throw err;
    }
  });
}

const INDEX_LOCK = sql`hashtext('guanxi.custom_field_index')`;

/**
 * Two concurrent index builds on one table wait for each other's snapshots and PostgreSQL aborts one
 * as a deadlock; builds take turns under a session advisory lock instead (on every app server). The
 * lock is polled rather than waited for, because a session blocked inside a statement would itself
 * be a snapshot the running build has to wait out.
 */
async function withIndexLock(db: Kysely<any>, work: (conn: Kysely<any>) => Promise<void>): Promise<void> {
  await db.connection().execute(async (conn) => {
    for (let attempt = 0; ; attempt++) {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${INDEX_LOCK}) as locked`.execute(conn);
      if (rows[0]?.locked) break;
      if (attempt > 600) throw new Error('Timed out waiting for another custom-field index build');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${INDEX_LOCK})`.execute(conn);
    }
  });
}

/** Drops the field's index (idempotent); like creation, outside any transaction and, on PostgreSQL, concurrently. */
export async function dropValueIndex(db: Kysely<any>, f: Pick<FieldRef, 'entity' | 'key'>): Promise<void> {
  const name = sql.id(indexName(f.entity, f.key));
  if (!isPostgres(db)) {
    await sql`drop index if exists ${name}`.execute(db);
    return;
  }
  await withIndexLock(db, async (conn) => {
    await sql`drop index concurrently if exists ${name}`.execute(conn);
  });
}
