import type { ActivityListQuery } from '../../../shared/schemas/activities.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { ActivityRow, ActivityUpdateRow, NewActivity } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, encodeCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';

const MODULE: ModuleKey = 'activities';
/** Who did it, and their team when they were made the owner (like organizations). */
export const ACTIVITY_SCOPE = { owner: 'activities.ownerId', team: 'activities.teamId' };
export const ACTIVITY_SORT_COLUMNS = { occurredAt: 'activities.occurredAt' };
/** Newest first by when it happened: the order of every timeline. */
export const NEWEST_FIRST: SortKey[] = [
  { field: 'occurredAt', column: 'activities.occurredAt', desc: true },
  { field: 'id', column: 'activities.id', desc: true },
];

/** Filters on normalised (UTC "Z") timestamps, so text comparison on SQLite orders correctly. */
export type ActivityFilters = Omit<ActivityListQuery, 'limit' | 'cursor' | 'sort' | 'total'>;

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('activities')
    .where(scopeFilter(actor, MODULE, ACTIVITY_SCOPE))
    .where('activities.deletedAt', deleted ? 'is not' : 'is', null);
}

const involving = (db: Db, contactId: string) =>
  db.selectFrom('activityContacts').select('activityContacts.activityId').where('activityContacts.contactId', '=', contactId);

export const activitiesRepository = {
  async list(db: Db, actor: Actor, f: ActivityFilters, page: { keys: SortKey[]; limit: number; cursor?: string; total?: boolean }) {
    const filtered = visible(db, actor)
      .$if(!!f.q, (qb) => qb.where(containsText('activities.subject', f.q as string)))
      .$if(!!f.kind, (qb) => qb.where('activities.kind', '=', f.kind as string))
      .$if(!!f.organizationId, (qb) => qb.where('activities.organizationId', '=', f.organizationId as string))
      .$if(!!f.contactId, (qb) => qb.where('activities.id', 'in', involving(db, f.contactId as string)))
      .$if(!!f.ownerId, (qb) => qb.where('activities.ownerId', '=', f.ownerId as string))
      .$if(!!f.teamId, (qb) => qb.where('activities.teamId', '=', f.teamId as string))
      .$if(!!f.from, (qb) => qb.where('activities.occurredAt', '>=', f.from as string))
      .$if(!!f.to, (qb) => qb.where('activities.occurredAt', '<', f.to as string));
    const rows = await orderBy(
      filtered.selectAll('activities').$if(!!page.cursor, (qb) => qb.where(afterCursor(page.keys, page.cursor as string))),
      page.keys,
    )
      .limit(page.limit + 1)
      .execute();
    const total = page.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  /** One page of the activities of an organization or a contact, newest first, after (occurredAt, id). */
  timeline(db: Db, actor: Actor, of: { organizationId?: string; contactId?: string }, after: [string, string] | undefined, limit: number) {
    return orderBy(
      visible(db, actor)
        .selectAll('activities')
        .$if(!!of.organizationId, (qb) => qb.where('activities.organizationId', '=', of.organizationId as string))
        .$if(!!of.contactId, (qb) => qb.where('activities.id', 'in', involving(db, of.contactId as string)))
        .$if(!!after, (qb) => qb.where(afterCursor(NEWEST_FIRST, encodeCursor(after as [string, string])))),
      NEWEST_FIRST,
    )
      .limit(limit)
      .execute();
  },

  /**
   * An owner's activities of some kinds overlapping [from, to). A span is at most MAX_ACTIVITY_DAYS
   * long, so `earliest` (from minus that) bounds the index range on (owner_id, occurred_at).
   */
  overlapping(db: Db, actor: Actor, q: { ownerId: string; kinds: readonly string[]; from: string; to: string; earliest: string; limit: number }) {
    return visible(db, actor)
      .selectAll('activities')
      .where('activities.ownerId', '=', q.ownerId)
      .where('activities.kind', 'in', [...q.kinds])
      .where('activities.occurredAt', '>=', q.earliest)
      .where('activities.occurredAt', '<', q.to)
      .where((eb) => eb.or([eb('activities.occurredAt', '>=', q.from), eb('activities.endsAt', '>', q.from)]))
      .orderBy('activities.occurredAt')
      .orderBy('activities.id')
      .limit(q.limit)
      .execute();
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<ActivityRow | undefined> {
    return visible(db, actor, opts).selectAll('activities').where('activities.id', '=', id).executeTakeFirst();
  },

  insert(db: Db, row: NewActivity): Promise<ActivityRow> {
    return db.insertInto('activities').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  update(db: Db, id: string, version: number, changes: ActivityUpdateRow): Promise<ActivityRow | undefined> {
    return db
      .updateTable('activities')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Contact ids per activity for a page of activities, in one query. */
  async contactIdsOf(db: Db, activityIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(activityIds.map((id) => [id, []]));
    if (activityIds.length === 0) return out;
    const rows = await db
      .selectFrom('activityContacts')
      .select(['activityId', 'contactId'])
      .where('activityId', 'in', [...new Set(activityIds)])
      .orderBy('activityId')
      .orderBy('contactId')
      .execute();
    for (const r of rows) out.get(r.activityId)?.push(r.contactId);
    return out;
  },

  async replaceContacts(trx: Db, activityId: string, contactIds: string[]): Promise<void> {
    await trx.deleteFrom('activityContacts').where('activityId', '=', activityId).execute();
    if (contactIds.length === 0) return;
    await trx
      .insertInto('activityContacts')
      .values(contactIds.map((contactId) => ({ activityId, contactId })))
      .execute();
  },

  /** Moves every activity (recycle bin included) of one organization to another; the version moves so open forms see it. */
  async moveOrganization(trx: Db, sourceId: string, targetId: string, at: string): Promise<void> {
    await trx
      .updateTable('activities')
      .set((eb) => ({ organizationId: targetId, updatedAt: at, version: eb('version', '+', 1) }))
      .where('organizationId', '=', sourceId)
      .execute();
  },

  /** Re-points links from one contact to another; where an activity already has both, the source's link goes. */
  async moveContact(trx: Db, sourceId: string, targetId: string): Promise<void> {
    await trx
      .deleteFrom('activityContacts')
      .where('contactId', '=', sourceId)
      .where('activityId', 'in', (eb) => eb.selectFrom('activityContacts as both').select('both.activityId').where('both.contactId', '=', targetId))
      .execute();
    await trx.updateTable('activityContacts').set({ contactId: targetId }).where('contactId', '=', sourceId).execute();
  },

  /** When the latest live activity up to `now` of an organization or a contact took place. */
  async latestPast(db: Db, of: { organizationId?: string; contactId?: string }, now: string): Promise<string | null> {
    const row = await db
      .selectFrom('activities')
      .select((eb) => eb.fn.max('activities.occurredAt').as('at'))
      .where('activities.deletedAt', 'is', null)
      .where('activities.occurredAt', '<=', now)
      .$if(!!of.organizationId, (qb) => qb.where('activities.organizationId', '=', of.organizationId as string))
      .$if(!!of.contactId, (qb) => qb.where('activities.id', 'in', involving(db, of.contactId as string)))
      .executeTakeFirst();
    return (row?.at as string | null | undefined) ?? null;
  },
};
