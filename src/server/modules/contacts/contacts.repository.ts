import type { ContactListQuery } from '../../../shared/schemas/customers.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { ContactOrganizationRow, ContactRow, ContactUpdateRow, NewContact } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';
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

export type MembershipWrite = Omit<ContactOrganizationRow, 'contactId' | 'position'>;

export const contactsRepository = {
  async list(db: Db, actor: Actor, q: ContactListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.q, (qb) => qb.where(containsText('contacts.name', q.q as string)))
      .$if(!!q.organizationId, (qb) =>
        qb.where('contacts.id', 'in', (eb) =>
          eb
            .selectFrom('contactOrganizations')
            .select('contactOrganizations.contactId')
            .where('contactOrganizations.organizationId', '=', q.organizationId as string),
        ),
      )
      .$if(!!q.tier, (qb) => qb.where('contacts.tier', '=', q.tier as string))
      .$if(!!q.province, (qb) => qb.where('contacts.province', '=', q.province as string))
      .$if(!!q.ownerId, (qb) => qb.where('contacts.ownerId', '=', q.ownerId as string))
      .$if(!!q.teamId, (qb) => qb.where('contacts.teamId', '=', q.teamId as string))
      .$if(!!q.tag, (qb) => qb.where(hasTag(db, 'contacts.tags', q.tag as string)));
    const rows = await orderBy(
      filtered.selectAll('contacts').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<ContactRow | undefined> {
    return visible(db, actor, opts).selectAll('contacts').where('contacts.id', '=', id).executeTakeFirst();
  },

  insert(db: Db, row: NewContact): Promise<ContactRow> {
    return db.insertInto('contacts').values(row).returningAll().executeTakeFirstOrThrow();
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

  update(db: Db, id: string, version: number, changes: ContactUpdateRow): Promise<ContactRow | undefined> {
    return db
      .updateTable('contacts')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** The memberships of a page of contacts in one query, main organization first. */
  membershipsOf(db: Db, contactIds: string[]): Promise<ContactOrganizationRow[]> {
    if (contactIds.length === 0) return Promise.resolve([]);
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
