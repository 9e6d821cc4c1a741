import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connection.js';
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

/**
 * Live, visible records of one type with a key starting with one of `prefixes` (and matching every
 * other part), in one statement. Each prefix is an index range walked in key order with a bound; the
 * join applies the module's scope.
 */
function rangeQuery(db: Db, actor: Actor, st: SearchableType, prefixes: string[], others: ParsedQuery['parts'], limit: number) {
  const k = db as unknown as Kysely<any>;
  // An `all` scope sees every match, so a short walk suffices, unless the type has its own visibility.
  const bound = scopeOf(actor, st.module) === 'all' && !st.visibleTo ? limit * 4 : WALK;
  // Each range keeps its own ORDER BY and LIMIT inside a derived table, which both dialects allow under UNION ALL.
  const walks = prefixes.map((prefix, i) =>
    k
      .selectFrom(
        k
          .selectFrom('searchTokens')
          .select(['recordId', 'token'])
          .where('type', '=', st.type)
          .where((eb) => range(eb, 'token', prefix))
          .orderBy('token')
          .limit(bound)
          .as(`r${i}`),
      )
      .selectAll(),
  );
  const walk = walks.slice(1).reduce((all, next) => all.unionAll(next), walks[0]);
  return k
    .selectFrom(walk.as('w'))
    .innerJoin(st.table, `${st.table}.id`, 'w.recordId')
    .select(['w.recordId as id', 'w.token as token', sql.ref<string>(`${st.table}.${st.titleColumn}`).as('title')])
    .where(sql.ref(`${st.table}.deletedAt`), 'is', null)
    .where(searchVisibility(actor, st) as never)
    .where((eb) =>
      eb.and(
        others.map((part) =>
          eb.exists(
            eb
              .selectFrom('searchTokens as s2')
              .select(sql.lit(1).as('one'))
              .where('s2.type', '=', st.type)
              .whereRef('s2.recordId', '=', 'w.recordId')
              .where((e2) => e2.or(part.prefixes.map((p) => range(e2, 's2.token', p)))),
          ),
        ),
      ),
    )
    .limit(limit)
    .execute() as Promise<{ id: string; token: string; title: string }[]>;
}

/**
 * Matches of one type, best tier first: the title itself (exact, then prefix) through the `x:` keys,
 * then any key of the first part (only while fewer than `want` records were found). Two statements at most.
 */
export async function searchType(db: Db, actor: Actor, st: SearchableType, q: ParsedQuery, want: number): Promise<Hit[]> {
  const hits = new Map<string, Hit>();
  const add = (rows: { id: string; token: string; title: string }[], tier: (token: string) => number) => {
    for (const r of rows) {
      const t = tier(r.token);
      const seen = hits.get(r.id);
      if (!seen || seen.tier < t) hits.set(r.id, { type: st.type, id: r.id, title: r.title, tier: t });
    }
  };
  add(await rangeQuery(db, actor, st, [q.whole], [], want), (token) => tierOf(token, q));
  const [first, ...others] = q.parts;
  if (hits.size < want) add(await rangeQuery(db, actor, st, first.prefixes, others, want * 2), () => TIER.contains);
  return [...hits.values()];
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
