import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import { type Db, markHot } from './connection.js';

// Private-use characters mark the arguments: no real value is made of them.
type Slot = number | { value: unknown } | { template: string };
const MARK = /\uE000arg(\d+)\uE000/g;
const mark = (i: number) => `\uE000arg${i}\uE000`;

/**
 * A hot query built and compiled once per database and shape, then run with new parameter values.
 *
 * Building and compiling a Kysely query (operation nodes, CamelCasePlugin, SQL text) cost more than
 * running it on SQLite for the per-request lookups (BENCHMARKS.md, findings 2 and 3). `build` gets
 * stand-ins for the string arguments (null stays null, so nullness is part of the shape); each must
 * reach the SQL as a parameter, alone or inside one (`like arg || '%'` built in JS is fine), never
 * as SQL text. `variant` names everything else that changes the SQL (e.g. the actor's scope); `ctx`
 * is handed to `build` when a variant is first compiled.
 */
export function compiledQuery<C, A extends (string | null)[], R>(build: (db: Db, ctx: C, ...args: A) => Compilable<R>) {
  // By dialect adapter, not by Db: a transaction is a new Db object on the same dialect.
  const cache = new WeakMap<object, Map<string, { compiled: CompiledQuery<R>; slots: Slot[] }>>();
  const prepare = (db: Db, ctx: C, args: A) => {
    const marks = args.map((a, i) => (a === null ? null : mark(i))) as A;
    const compiled = build(db, ctx, ...marks).compile();
    markHot(compiled.sql);
    if (compiled.sql.includes('\uE000')) throw new Error(`compiledQuery: an argument became SQL text (${compiled.sql})`);
    const slots = compiled.parameters.map((p): Slot => {
      if (typeof p !== 'string' || !p.includes('\uE000')) return { value: p };
      const whole = /^\uE000arg(\d+)\uE000$/.exec(p);
      return whole ? Number(whole[1]) : { template: p };
    });
    return { compiled, slots };
  };
  return async (db: Db, variant: string, ctx: C, ...args: A): Promise<R[]> => {
    const adapter = db.getExecutor().adapter;
    const shapes = cache.get(adapter) ?? new Map<string, { compiled: CompiledQuery<R>; slots: Slot[] }>();
    cache.set(adapter, shapes);
    const key = `${variant}|${args.map((a) => (a === null ? 0 : 1)).join('')}`;
    const entry = shapes.get(key) ?? prepare(db, ctx, args);
    shapes.set(key, entry);
    const parameters = entry.slots.map((s) =>
      typeof s === 'number' ? args[s] : 'value' in s ? s.value : s.template.replace(MARK, (_, i: string) => args[Number(i)] as string),
    );
    // A fresh query id: plugins may keep per-query state under it.
    return (await db.executeQuery<R>({ ...entry.compiled, queryId: createQueryId(), parameters })).rows;
  };
}
