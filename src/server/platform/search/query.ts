import { type Compilable, type CompiledQuery, createQueryId, type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { type Db, markHot } from '../../db/connection.js';
import type { Actor } from '../context.js';
import { scopeOf } from '../permissions.js';
import { type SearchableType, searchVisibility } from './searchable.js';
import { type ParsedQuery, prefixEnd } from './tokens.js';

export const TIER = { exact: 3, prefix: 2, contains: 1 } as const;

export interface Hit {
  type: string;
  id: string;
  title: string;
  tier: number;
}

/**
 * Index entries one range may walk before the permission check: a one-letter query over a million
 * contacts must not read them all. A restricted user can therefore miss matches past this many for
 * very broad queries; one more character narrows the range (docs/DECISIONS.md, "Global search").
 */
const WALK = 2000;

const range = (eb: any, column: string, prefix: string): Expression<SqlBool> =>
  eb.and([eb(sql.ref(column), '>=', prefix), eb(sql.ref(column), '<', prefixEnd(prefix))]);

function tierOf(token: string, q: ParsedQuery): number {
  if (token === q.whole) return TIER.exact;
  return token.startsWith(q.whole) ? TIER.prefix : TIER.contains;
}

interface Template {
  compiled: CompiledQuery;
  /** Per parameter: the index of the query value to put there, or a value fixed by the shape (the actor's ids, limits). */
  slots: (number | { value: unknown })[];
}

/** Compiled range queries by shape, per database; bounded, as shapes include the actor. */
const templates = new WeakMap<Db, Map<string, Template>>();
const TEMPLATES_KEPT = 1000;
const actorKeys = new WeakMap<Actor, string>();

/** Everything about the actor a scope or visibility filter may put into a query. */
function actorKey(actor: Actor): string {
  let key = actorKeys.get(actor);
  if (key === undefined) {
    key = JSON.stringify([actor.userId, actor.teamId, actor.teamPath, actor.permissions]);
    actorKeys.set(actor, key);
  }
  return key;
}

/**
 * Runs the query `build` makes, compiling it only the first time its `shape` is seen. Building and
 * compiling the per-type range queries through Kysely cost more CPU than SQLite spent running them
 * (BENCHMARKS.md, finding 6). `shape` must name every input of `build` other than `values`; `build`
 * gets stand-ins for the values and must use each as one plain parameter.
 */
async function runShaped<R>(db: Db, shape: string, values: string[], build: (marks: string[]) => Compilable<R>): Promise<R[]> {
  let byShape = templates.get(db);
  if (!byShape) {
    byShape = new Map();
    templates.set(db, byShape);
  }
  let t = byShape.get(shape);
  if (!t) {
    const marks = values.map((_, i) => `\u0000${i}\u0000`);
    const compiled = build(marks).compile();
    const slots = compiled.parameters.map((p) => {
      const i = marks.indexOf(p as string);
      return i >= 0 ? i : { value: p };
    });
    if (new Set(slots.filter((x) => typeof x === 'number')).size !== marks.length)
      throw new Error(`Search query: a value is not a parameter (${compiled.sql})`);
    t = { compiled, slots };
    markHot(compiled.sql);
    if (byShape.size >= TEMPLATES_KEPT) byShape.delete(byShape.keys().next().value as string);
    byShape.set(shape, t);
  }
  const { compiled, slots } = t;
  const parameters = slots.map((x) => (typeof x === 'number' ? values[x] : x.value));
  return (await db.executeQuery<R>({ ...compiled, queryId: createQueryId(), parameters })).rows;
}

/** The bounds of each prefix's range, in the order the query builders below use them. */
const bounds = (prefixes: string[]) => prefixes.flatMap((p) => [p, prefixEnd(p)]);
const rangeOf = (eb: any, column: string, marks: string[], i: number): Expression<SqlBool> =>
  eb.and([eb(sql.ref(column), '>=', marks[2 * i]), eb(sql.ref(column), '<', marks[2 * i + 1])]);

interface Branch {
  st: SearchableType;
  prefixes: string[];
  others: ParsedQuery['parts'];
  limit: number;
}

type Row = { id: string; token: string; title: string };

/**
 * Live, visible records of one type with a key starting with one of the branch's prefixes (and
 * matching every other part). Each prefix is an index range walked in key order with a bound; the
 * join applies the module's scope. `at` is where the branch's range bounds start in `marks`.
 */
function branchQuery(k: Kysely<any>, actor: Actor, b: Branch, marks: string[], at: number) {
  const { st } = b;
  // An `all` scope sees every match, so a short walk suffices, unless the type has its own visibility.
  const bound = scopeOf(actor, st.module) === 'all' && !st.visibleTo ? b.limit * 4 : WALK;
  // Each range keeps its own ORDER BY and LIMIT inside a derived table, which both dialects allow under UNION ALL.
  const walks = b.prefixes.map((_, i) =>
    k
      .selectFrom(
        k
          .selectFrom('searchTokens')
          .select(['recordId', 'token'])
          .where('type', '=', st.type)
          .where((eb) => rangeOf(eb, 'token', marks, at + i))
          .orderBy('token')
          .limit(bound)
          .as(`r${i}`),
      )
      .selectAll(),
  );
  const walk = walks.slice(1).reduce((all, next) => all.unionAll(next), walks[0]);
  // The other parts' ranges follow the walks' in `marks`.
  let next = at + b.prefixes.length;
  const otherRanges = b.others.map((part) => part.prefixes.map(() => next++));
  return k
    .selectFrom(walk.as('w'))
    .innerJoin(st.table, `${st.table}.id`, 'w.recordId')
    .select(['w.recordId as id', 'w.token as token', sql.ref<string>(`${st.table}.${st.titleColumn}`).as('title')])
    .where(sql.ref(`${st.table}.deletedAt`), 'is', null)
    .where(searchVisibility(actor, st) as never)
    .where((eb) =>
      eb.and(
        otherRanges.map((ranges) =>
          eb.exists(
            eb
              .selectFrom('searchTokens as s2')
              .select(sql.lit(1).as('one'))
              .where('s2.type', '=', st.type)
              .whereRef('s2.recordId', '=', 'w.recordId')
              .where((e2) => e2.or(ranges.map((r) => rangeOf(e2, 's2.token', marks, r)))),
          ),
        ),
      ),
    )
    .limit(b.limit);
}

/** Range bounds a branch takes from `marks`. */
const boundsOf = (b: Branch) => [...bounds(b.prefixes), ...b.others.flatMap((o) => bounds(o.prefixes))];

/**
 * Matches of each type, best tier first: the title itself (exact, then prefix) through the `x:` keys,
 * then any key of the first part, used only while fewer than `want` records of the type were found.
 * One statement for all types and both phases: on PostgreSQL each statement is a round trip, and the
 * two per type (twelve per search) cost more than running them (BENCHMARKS.md, finding 6).
 */
export async function searchTypes(db: Db, actor: Actor, types: SearchableType[], q: ParsedQuery, want: number): Promise<Hit[]> {
  if (types.length === 0) return [];
  const [first, ...others] = q.parts;
  // Per type, the title keys (ranked by tier), then any key of the first part (ranked "contains").
  const branches: Branch[] = types.flatMap((st) => [
    { st, prefixes: [q.whole], others: [], limit: want },
    { st, prefixes: first.prefixes, others, limit: want * 2 },
  ]);
  const shape = `types|${actorKey(actor)}|${want}|${types.map((st) => st.type).join(',')}|${first.prefixes.length}|${others.map((o) => o.prefixes.length).join(',')}`;
  const values = branches.flatMap(boundsOf);
  const k = db as unknown as Kysely<any>;
  const rows = await runShaped<Row & { branch: number }>(db, shape, values, (marks) => {
    let at = 0;
    const selects = branches.map((b, n) => {
      const q1 = k.selectFrom(branchQuery(k, actor, b, marks, at).as(`b${n}`)).select([sql.lit(n).as('branch'), 'id', 'token', 'title']);
      at += boundsOf(b).length / 2;
      return q1;
    });
    return selects.slice(1).reduce((all, next) => all.unionAll(next), selects[0]) as Compilable<Row & { branch: number }>;
  });
  const byBranch = branches.map(() => [] as Row[]);
  for (const r of rows) byBranch[Number(r.branch)].push(r);
  const found: Hit[] = [];
  for (let n = 0; n < branches.length; n += 2) {
    const st = branches[n].st;
    const hits = new Map<string, Hit>();
    const add = (list: Row[], tier: (token: string) => number) => {
      for (const r of list) {
        const t = tier(r.token);
        const seen = hits.get(r.id);
        if (!seen || seen.tier < t) hits.set(r.id, { type: st.type, id: r.id, title: r.title, tier: t });
      }
    };
    add(byBranch[n], (token) => tierOf(token, q));
    if (hits.size < want) add(byBranch[n + 1], () => TIER.contains);
    found.push(...hits.values());
  }
  return found;
}

/** Which of `ids` (recently viewed, so few) match the query, with their tier, inside the actor's scope. */
export async function searchAmong(db: Db, actor: Actor, st: SearchableType, q: ParsedQuery, ids: string[]): Promise<Hit[]> {
  if (ids.length === 0) return [];
  const k = db as unknown as Kysely<any>;
  const [first, ...others] = q.parts;
  const rows = (await k
    .selectFrom('searchTokens as w')
    .innerJoin(st.table, `${st.table}.id`, 'w.recordId')
    .select(['w.recordId as id', 'w.token as token', sql.ref<string>(`${st.table}.${st.titleColumn}`).as('title')])
    .where('w.type', '=', st.type)
    .where('w.recordId', 'in', ids)
    .where((eb) => eb.or([range(eb, 'w.token', q.whole), ...first.prefixes.map((p) => range(eb, 'w.token', p))]))
    .where(sql.ref(`${st.table}.deletedAt`), 'is', null)
    .where(searchVisibility(actor, st) as never)
    .execute()) as { id: string; token: string; title: string }[];
  const best = new Map<string, Hit>();
  for (const r of rows) {
    const tier = tierOf(r.token, q);
    if ((best.get(r.id)?.tier ?? 0) < tier) best.set(r.id, { type: st.type, id: r.id, title: r.title, tier });
  }
  if (others.length === 0 || best.size === 0) return [...best.values()];
  // Further parts: each must match a key of the record too.
  const ok = new Set(best.keys());
  for (const part of others) {
    const matched = await k
      .selectFrom('searchTokens')
      .select('recordId')
      .where('type', '=', st.type)
      .where('recordId', 'in', [...ok])
      .where((eb) => eb.or(part.prefixes.map((p) => range(eb, 'token', p))))
      .execute();
    const set = new Set(matched.map((m) => m.recordId as string));
    for (const id of ok) if (!set.has(id)) ok.delete(id);
  }
  return [...best.values()].filter((h) => ok.has(h.id) || h.tier > TIER.contains);
}
