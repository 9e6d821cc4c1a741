import type { Ctx } from '../../platform/context.js';
import { organizationNameKey } from '../customers/name-key.js';
import { organizationDuplicateLookups } from '../organizations/organizations.repository.js';
import { organizationsService } from '../organizations/organizations.service.js';

/**
 * Organizations by exact name among those the actor may see (imports name the customer, not its id):
 * name → id, or 'ambiguous' when several visible organizations carry the name. Goes through the
 * organizations module's name-key index, the one the duplicate check uses.
 */
export async function organizationLookup(ctx: Ctx, names: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const out = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 200) {
    const part = wanted.slice(i, i + 200);
    const keys = [...new Set(part.map(organizationNameKey))];
    const candidates = await organizationDuplicateLookups.byNameKeys(ctx.db, keys, undefined, 1000);
    const visible = await organizationsService.visibleIds(
      ctx,
      candidates.map((c) => c.id),
    );
    for (const name of part) {
      const key = organizationNameKey(name);
      const hits = candidates.filter((c) => visible.has(c.id) && (c.name === name || c.nameKey === key));
      const exact = hits.filter((c) => c.name === name);
      const chosen = exact.length > 0 ? exact : hits;
      if (chosen.length === 1) out.set(name, chosen[0].id);
      else if (chosen.length > 1) out.set(name, 'ambiguous');
    }
  }
  return out;
}
