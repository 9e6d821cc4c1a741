import { type Expression, type ExpressionBuilder, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { ContactListQuery } from '../../../shared/schemas/customers.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import { compiledQuery } from '../../db/compiled.js';
import type { Db } from '../../db/connection.js';
import type { ContactOrganizationRow, ContactRow, ContactUpdateRow, NewContact } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { listTotal } from '../../platform/list-filters.js';
import { orderBy, readKeysetPage, type SortKey, selectSortValues } from '../../platform/pagination.js';
import { scopeFilter, scopeOf } from '../../platform/permissions.js';
import { writeSearchDocuments } from '../../platform/search/index-writer.js';
import { containsText } from '../../platform/text-match.js';
import { indexParty, partySearchDocument, touchesSearch } from '../customers/party-search.js';
import { hasTag } from '../customers/tags.js';

const MODULE: ModuleKey = 'contacts';
/** Like organizations: the owner, and the owner's team (or the pool's team when there is no owner). */
export const CONTACT_SCOPE = { owner: 'contacts.ownerId', team: 'contacts.teamId' };
export const CONTACT_SORT_COLUMNS = {
  name: 'contacts.name',
  createdAt: 'contacts.createdAt',
  updatedAt: 'contacts.updatedAt',
};

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('contacts')
    .where(scopeFilter(actor, MODULE, CONTACT_SCOPE))
    .where('contacts.deletedAt', deleted ? 'is not' : 'is', null);
}

/** A read by id runs on every contact page and GET: compiled once per scope shape (db/compiled.ts). */
const findVisibleQuery = compiledQuery(
  (db: Db, { actor, deleted }: { actor: Actor; deleted: boolean }, userId: string, teamId: string | null, teamPath: string | null, id: string) =>
    visible(db, { ...actor, userId, teamId, teamPath }, { deleted })
      .selectAll('contacts')
      .where('contacts.id', '=', id),
);

/** One contact's memberships (its page, GET by id), compiled once. */
const membershipsOfOne = compiledQuery((db: Db, _: null, contactId: string) =>
  db.selectFrom('contactOrganizations').selectAll().where('contactId', '=', contactId).orderBy('position'),
);

/**
 * Contacts of one organization. On PostgreSQL as `id = any(array(…))`: with `id in (…)` the planner
 * walked the whole name index of the sort and probed each contact's memberships, hoping to fill the
 * page early — 300 ms for the organization page of a customer with 2,000 contacts at 1M (BENCHMARKS.md).
 * The array is read first (by contact_org_org_idx), then its contacts by primary key and sorted.
 * SQLite has no arrays and already starts from the memberships.
 */
function memberOf(db: Db, organizationId: string): Expression<SqlBool> {
  const ids = sql`(select ${sql.ref('contact_organizations.contact_id')} from ${sql.table('contact_organizations')} where ${sql.ref('contact_organizations.organization_id')} = ${organizationId})`;
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<SqlBool>`${sql.ref('contacts.id')} = any(array${ids})`
    : sql<SqlBool>`${sql.ref('contacts.id')} in ${ids}`;
}

export type MembershipWrite = Omit<ContactOrganizationRow, 'contactId' | 'position'>;

export const contactsRepository = {
  /** `where`: the compiled `filter` parameter (list-filters.ts). */
  async list(db: Db, actor: Actor, q: ContactListQuery, keys: SortKey[], where?: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>) {
    const filtered = visible(db, actor)
      .$if(!!where, (qb) => qb.where(where as never))
      .$if(!!q.q, (qb) => qb.where(containsText('contacts.name', q.q as string)))
      .$if(!!q.organizationId, (qb) => qb.where(memberOf(db, q.organizationId as string)))
      .$if(!!q.tier, (qb) => qb.where('contacts.tier', '=', q.tier as string))
      .$if(!!q.province, (qb) => qb.where('contacts.province', '=', q.province as string))
      .$if(!!q.ownerId, (qb) => qb.where('contacts.ownerId', '=', q.ownerId as string))
      .$if(!!q.teamId, (qb) => qb.where('contacts.teamId', '=', q.teamId as string))
      .$if(!!q.tag, (qb) => qb.where(hasTag(db, 'contacts.tags', q.tag as string)));
    const rows = await readKeysetPage(keys, q.cursor, q.limit, (after, limit) =>
      orderBy(
        selectSortValues(filtered.selectAll('contacts'), keys).$if(!!after, (qb) => qb.where(after as never)),
        keys,
      )
        .limit(limit)
        .execute(),
    );
    return { rows, ...(await listTotal(db, filtered, rows, q)) };
  },

  async findVisible(db: Db, actor: Actor, id: string, { deleted = false }: { deleted?: boolean } = {}): Promise<ContactRow | undefined> {
    // The SQL depends only on the actor's contacts scope (and which of their ids are null).
    const variant = `${scopeOf(actor, MODULE)}:${deleted}`;
    return (await findVisibleQuery(db, variant, { actor, deleted }, actor.userId, actor.teamId, actor.teamPath, id))[0];
  },

  /** Which of `ids` are live contacts inside the actor's scope. */
  async visibleIds(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await visible(db, actor).select('contacts.id').where('contacts.id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  },

  /** Names of live contacts (one query for a whole page of activities). */
  async namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.selectFrom('contacts').select(['id', 'name']).where('id', 'in', unique).where('deletedAt', 'is', null).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  /** Global search learns of the record in the same transaction (as in `update`). */
  async insert(db: Db, row: NewContact): Promise<ContactRow> {
    const created = await db.insertInto('contacts').values(row).returningAll().executeTakeFirstOrThrow();
    // A new id has no index entries yet: no delete before the insert.
    if (!created.deletedAt) await writeSearchDocuments(db, 'contacts', [{ id: created.id, doc: partySearchDocument(created) }], true);
    return created;
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  /**
   * Moves last_activity_at forward (never back) without touching version or updated_at: logging a
   * visit is not an edit of the record, and must not make someone's open form stale.
   */
  async touchActivity(db: Db, ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await db
      .updateTable('contacts')
      .set({ lastActivityAt: at })
      .where('id', 'in', ids)
      .where((eb) => eb.or([eb('lastActivityAt', 'is', null), eb('lastActivityAt', '<', at)]))
      .execute();
  },

  async update(db: Db, id: string, version: number, changes: ContactUpdateRow): Promise<ContactRow | undefined> {
    const updated = await db
      .updateTable('contacts')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    // Edits, deletes, restores and merges all pass here: the search index changes with the row.
    if (updated && touchesSearch(changes)) await indexParty(db, 'contacts', updated);
    return updated;
  },

  /** The memberships of a page of contacts in one query, main organization first. */
  membershipsOf(db: Db, contactIds: string[]): Promise<ContactOrganizationRow[]> {
    if (contactIds.length === 0) return Promise.resolve([]);
    if (contactIds.length === 1) return membershipsOfOne(db, '', null, contactIds[0]);
    return db
      .selectFrom('contactOrganizations')
      .selectAll()
      .where('contactId', 'in', [...new Set(contactIds)])
      .orderBy('contactId')
      .orderBy('position')
      .execute();
  },

  /** Replaces the contact's memberships except those in `keep` (links to organizations in the recycle bin). */
  async replaceMemberships(trx: Db, contactId: string, memberships: MembershipWrite[], keep: string[]): Promise<void> {
    await trx
      .deleteFrom('contactOrganizations')
      .where('contactId', '=', contactId)
      .$if(keep.length > 0, (qb) => qb.where('organizationId', 'not in', keep))
      .execute();
    if (memberships.length === 0) return;
    await trx
      .insertInto('contactOrganizations')
      .values(memberships.map((m, position) => ({ contactId, ...m, position })))
      .execute();
  },
};

// ---- Duplicate check (modules/duplicates) ----------------------------------------------------

type DuplicateCandidate = Pick<ContactRow, 'id' | 'name' | 'nameKey' | 'ownerId'>;
const live = (db: Db, excludeId: string | undefined) =>
  db
    .selectFrom('contacts')
    .select(['id', 'name', 'nameKey', 'ownerId'])
    .where('deletedAt', 'is', null)
    .$if(!!excludeId, (qb) => qb.where('id', '<>', excludeId as string));

/**
 * Live contacts for the duplicate check, whatever the actor's scope: the duplicates module shows
 * the visible ones and only counts the rest. Each lookup is an index seek with a limit.
 */
export const contactDuplicateLookups = {
  byNameKeys: (db: Db, keys: string[], excludeId: string | undefined, limit: number): Promise<DuplicateCandidate[]> =>
    keys.length === 0 ? Promise.resolve([]) : live(db, excludeId).where('nameKey', 'in', keys).limit(limit).execute(),
  /** The nearest keys on both sides of `key` in index order: those sharing the longest prefix with it. */
  async nameKeyNeighbours(db: Db, key: string, excludeId: string | undefined, limit: number): Promise<DuplicateCandidate[]> {
    const above = await live(db, excludeId).where('nameKey', '>', key).orderBy('nameKey').limit(limit).execute();
    const below = await live(db, excludeId).where('nameKey', '<', key).orderBy('nameKey', 'desc').limit(limit).execute();
    return [...above, ...below];
  },
  byIds: (db: Db, ids: string[], excludeId: string | undefined): Promise<DuplicateCandidate[]> =>
    ids.length === 0 ? Promise.resolve([]) : live(db, excludeId).where('id', 'in', ids).execute(),
};
