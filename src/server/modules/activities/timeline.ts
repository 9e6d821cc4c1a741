import type { Activity, TimelineItem, TimelineQuery } from '../../../shared/schemas/activities.js';
import type { ActivityRow } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { encodeCursor } from '../../platform/pagination.js';
import { can } from '../../platform/permissions.js';
import { auditService } from '../audit/audit.service.js';
import { contactsService } from '../contacts/contacts.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { presentActivities } from './activities.presenter.js';
import { activitiesRepository as repo } from './activities.repository.js';

/**
 * Where each source of the stream stands: the last item of it already shown. Each source keeps its
 * own keyset (activities by (occurredAt, id), audit entries and lifecycle steps by their UUIDv7 id),
 * so a page never skips or repeats an item of any source, whatever the others hold.
 */
interface Position {
  /** activities: [occurredAt, id] */
  a?: [string, string];
  /** audit entries: id */
  c?: string;
  /** lifecycle transitions: id */
  l?: string;
}

const invalidCursor = () => badRequest('validation_failed', 'Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
const isString = (v: unknown): v is string => typeof v === 'string';

function decodePosition(cursor: string | undefined): Position {
  if (!cursor) return {};
  let p: Position;
  try {
    p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const ok =
    p !== null &&
    typeof p === 'object' &&
    (p.a === undefined || (Array.isArray(p.a) && p.a.length === 2 && p.a.every(isString))) &&
    (p.c === undefined || isString(p.c)) &&
    (p.l === undefined || isString(p.l));
  if (!ok) throw invalidCursor();
  return p;
}

type Candidate = { source: 'a'; at: string; id: string; row: ActivityRow } | { source: 'c' | 'l'; at: string; id: string; item: TimelineItem };

const newestFirst = (x: Candidate, y: Candidate) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1);

/**
 * One newest-first page of what happened with an organization or a contact. The record must be
 * live and visible (404 otherwise); its changes are shown on the per-record history's own rule
 * (anyone who may see the record); activities only within the actor's activities scope, and none
 * without activities read permission.
 */
export async function timeline(ctx: Ctx, q: TimelineQuery) {
  const type = q.organizationId ? 'organizations' : 'contacts';
  const id = (q.organizationId ?? q.contactId) as string;
  if (type === 'organizations') await organizationsService.assertVisible(ctx, id);
  else await contactsService.get(ctx, id);
  const at = decodePosition(q.cursor);
  const n = q.limit;

  const [activities, changes, steps] = await Promise.all([
    can(ctx.actor, 'activities', 'read')
      ? repo.timeline(ctx.db, ctx.actor, type === 'organizations' ? { organizationId: id } : { contactId: id }, at.a, n + 1)
      : Promise.resolve([]),
    // The audit log's own cursor is its last id (see audit.repository.ts).
    // Visibility was checked once above; the sources below do not load and scope-check the record again.
    auditService.historyOfVisible(ctx, type, id, { limit: n + 1, cursor: at.c ? encodeCursor([at.c]) : undefined }),
    type === 'organizations' ? organizationsService.lifecycleOfVisible(ctx, id) : Promise.resolve({ items: [] }),
  ]);

  const candidates: Candidate[] = [
    ...activities.map((row) => ({ source: 'a' as const, at: row.occurredAt, id: row.id, row })),
    ...changes.items.map((change) => ({
      source: 'c' as const,
      at: change.at,
      id: change.id,
      item: { type: 'change' as const, id: change.id, at: change.at, change },
    })),
    // Lifecycle steps are few per organization: the service returns them all, newest first.
    ...steps.items
      .filter((s) => !at.l || s.id < (at.l as string))
      .slice(0, n + 1)
      .map((transition) => ({
        source: 'l' as const,
        at: transition.at,
        id: transition.id,
        item: { type: 'lifecycle' as const, id: transition.id, at: transition.at, transition },
      })),
  ].sort(newestFirst);

  const shown = candidates.slice(0, n);
  const next: Position = { ...at };
  for (const c of shown) {
    if (c.source === 'a') next.a = [c.at, c.id];
    else next[c.source] = c.id;
  }
  const presented = new Map(
    (
      await presentActivities(
        ctx,
        shown.flatMap((c) => (c.source === 'a' ? [c.row] : [])),
      )
    ).map((a) => [a.id, a]),
  );
  const items: TimelineItem[] = shown.map((c) =>
    c.source === 'a' ? { type: 'activity', id: c.id, at: c.at, activity: presented.get(c.id) as Activity } : c.item,
  );
  // Every source was asked for one more than a page: anything left over means another page.
  return { items, nextCursor: candidates.length > n ? Buffer.from(JSON.stringify(next)).toString('base64url') : null };
}
