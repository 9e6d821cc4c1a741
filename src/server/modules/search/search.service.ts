import type { RecentView, SearchItem, SearchQuery, SearchType } from '../../../shared/schemas/search.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { now } from '../../platform/ids.js';
import { can } from '../../platform/permissions.js';
import { type Hit, searchAmong, searchTypes, TIER } from '../../platform/search/query.js';
import type { SearchableType } from '../../platform/search/searchable.js';
import { parseQuery } from '../../platform/search/tokens.js';
import { visibleAmong } from '../../platform/search/visible.js';
import { recentViewsRepository as recent } from './recent-views.repository.js';
import { SEARCHABLE_TYPES } from './search.types.js';

/** A recently viewed record ranks first within its tier, never above a better tier. */
const RECENT_BOOST = 50;

/** The types the actor may read: the others are skipped silently, so nothing about them is told. */
function readableTypes(ctx: Ctx, only?: SearchType[]): SearchableType[] {
  return (Object.keys(SEARCHABLE_TYPES) as SearchType[])
    .filter((t) => !only || only.includes(t))
    .map((t) => SEARCHABLE_TYPES[t])
    .filter((st) => can(ctx.actor, st.module, 'read'));
}

async function present(ctx: Ctx, hits: (Hit & { score: number })[]): Promise<SearchItem[]> {
  const items: SearchItem[] = [];
  // Types are independent: on PostgreSQL their lookups run on separate pool connections at once.
  const byType = new Map(
    await Promise.all(
      Object.values(SEARCHABLE_TYPES)
        .map((st) => ({ st, ids: hits.filter((h) => h.type === st.type).map((h) => h.id) }))
        .filter(({ ids }) => ids.length > 0)
        .map(async ({ st, ids }) => [st.type, await st.present(ctx.db, ids)] as const),
    ),
  );
  for (const h of hits) {
    const p = byType.get(h.type)?.get(h.id);
    if (p) items.push({ type: h.type as SearchType, id: h.id, title: p.title, subtitle: p.subtitle, score: h.score });
  }
  return items;
}

export const searchService = {
  async search(ctx: Ctx, q: SearchQuery): Promise<{ items: SearchItem[] }> {
    const parsed = parseQuery(q.q);
    const types = readableTypes(ctx, q.types);
    if (!parsed || types.length === 0) return { items: [] };
    // The index walk does not depend on the recent views: on PostgreSQL both go out at once.
    const [recentRows, walked] = await Promise.all([recent.ofUser(ctx.db, ctx.actor.userId), searchTypes(ctx.db, ctx.actor, types, parsed, q.limit)]);
    const recentKeys = new Set(recentRows.map((r) => `${r.type}:${r.recordId}`));
    const hits = new Map<string, Hit>();
    const keep = (h: Hit) => {
      const key = `${h.type}:${h.id}`;
      if ((hits.get(key)?.tier ?? 0) < h.tier) hits.set(key, h);
    };
    // Recently viewed matches count even when the bounded walk did not reach them.
    const among = await Promise.all(
      types.map((st) =>
        searchAmong(
          ctx.db,
          ctx.actor,
          st,
          parsed,
          recentRows.filter((r) => r.type === st.type).map((r) => r.recordId),
        ),
      ),
    );
    for (const h of [...walked, ...among.flat()]) keep(h);
    const ranked = [...hits.values()]
      .map((h) => ({ ...h, score: h.tier * 100 + (recentKeys.has(`${h.type}:${h.id}`) ? RECENT_BOOST : 0) }))
      .sort((a, b) => b.score - a.score || a.title.length - b.title.length || a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
      .slice(0, q.limit);
    return { items: await present(ctx, ranked) };
  },

  /** The actor's recently opened records that still exist and are still visible, newest first. */
  async recent(ctx: Ctx, limit: number): Promise<{ items: SearchItem[] }> {
    const rows = await recent.ofUser(ctx.db, ctx.actor.userId);
    const visible = new Set<string>();
    for (const st of readableTypes(ctx)) {
      const ids = rows.filter((r) => r.type === st.type).map((r) => r.recordId);
      for (const id of await visibleIds(ctx, st, ids)) visible.add(`${st.type}:${id}`);
    }
    const hits = rows
      .filter((r) => visible.has(`${r.type}:${r.recordId}`))
      .slice(0, limit)
      .map((r) => ({ type: r.type, id: r.recordId, title: '', tier: TIER.contains, score: 0 }));
    return { items: await present(ctx, hits) };
  },

  /** Notes that the actor opened a record; 404 unless they may see it (nothing is kept about hidden records). */
  async viewed(ctx: Ctx, view: RecentView): Promise<void> {
    const st = SEARCHABLE_TYPES[view.type];
    if (!can(ctx.actor, st.module, 'read') || (await visibleIds(ctx, st, [view.id])).length === 0) throw notFound('Record');
    await recent.record(ctx.db, ctx.actor.userId, view.type, view.id, now());
  },
};

const visibleIds = (ctx: Ctx, st: SearchableType, ids: string[]) => visibleAmong(ctx.db, ctx.actor, st, ids);
