import type { Insertable, Updateable } from 'kysely';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { scopeFilter } from '../../platform/permissions.js';
import { ORGANIZATION_SCOPE } from '../organizations/organizations.repository.js';
import type { AccountDepartmentsTable, AccountRelationsTable, ChainEdgesTable, ChainPeopleTable } from './decision-chain.tables.js';

const MODULE: ModuleKey = 'key_accounts';

/** Key-account records are judged by the organization's owner and team, under the key_accounts scope. */
function visibleOrganizations(db: Db, actor: Actor) {
  return db
    .selectFrom('organizations')
    .where(scopeFilter(actor, MODULE, ORGANIZATION_SCOPE))
    .where('organizations.deletedAt', 'is', null);
}

/** A chain person with what the API shows beside the row: the contact's name and last activity, the owner's name. */
function peopleOf(db: Db) {
  return db
    .selectFrom('chainPeople')
    .leftJoin('contacts', (j) => j.onRef('contacts.id', '=', 'chainPeople.contactId').on('contacts.deletedAt', 'is', null))
    .leftJoin('users', 'users.id', 'chainPeople.ourOwnerId')
    .selectAll('chainPeople')
    .select(['contacts.name as contactName', 'contacts.lastActivityAt as lastContactAt', 'users.name as ourOwnerName'])
    .where('chainPeople.deletedAt', 'is', null);
}
export type PersonWithNames = Awaited<ReturnType<ReturnType<typeof peopleOf>['execute']>>[number];

export const decisionChainRepository = {
  findVisibleOrganization(db: Db, actor: Actor, id: string) {
    return visibleOrganizations(db, actor)
      .select(['organizations.id', 'organizations.name', 'organizations.tier'])
      .where('organizations.id', '=', id)
      .executeTakeFirst();
  },

  /**
   * The dashboard's accounts: of one tier, or (without a tier) key-tier accounts plus any account whose
   * chain was started. One row more than `limit` tells the caller the list was cut.
   */
  dashboardOrganizations(db: Db, actor: Actor, q: { tier?: string; limit: number }) {
    return visibleOrganizations(db, actor)
      .leftJoin('users', 'users.id', 'organizations.ownerId')
      .select(['organizations.id', 'organizations.name', 'organizations.tier', 'users.name as ownerName'])
      .$if(!!q.tier, (qb) => qb.where('organizations.tier', '=', q.tier as string))
      .$if(!q.tier, (qb) =>
        qb.where((eb) =>
          eb.or([eb('organizations.tier', '=', 'key'), eb('organizations.id', 'in', eb.selectFrom('decisionChains').select('decisionChains.organizationId'))]),
        ),
      )
      .orderBy('organizations.name')
      .orderBy('organizations.id')
      .limit(q.limit + 1)
      .execute();
  },

  chainVersion(db: Db, organizationId: string) {
    return db.selectFrom('decisionChains').selectAll().where('organizationId', '=', organizationId).executeTakeFirst();
  },

  /** Moves the chain from `expected` to the next version; false when someone else saved in between. */
  async bumpVersion(db: Db, organizationId: string, expected: number, at: string, by: string): Promise<number | null> {
    if (expected === 0) {
      const existing = await db.selectFrom('decisionChains').select('version').where('organizationId', '=', organizationId).executeTakeFirst();
      if (existing) return null;
      await db.insertInto('decisionChains').values({ organizationId, version: 1, updatedAt: at, updatedBy: by }).execute();
      return 1;
    }
    const res = await db
      .updateTable('decisionChains')
      .set({ version: expected + 1, updatedAt: at, updatedBy: by })
      .where('organizationId', '=', organizationId)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? expected + 1 : null;
  },

  departments(db: Db, organizationIds: string[]) {
    if (organizationIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('accountDepartments')
      .selectAll()
      .where('organizationId', 'in', organizationIds)
      .where('deletedAt', 'is', null)
      .orderBy('sortOrder')
      .orderBy('id')
      .execute();
  },

  people(db: Db, organizationIds: string[]) {
    if (organizationIds.length === 0) return Promise.resolve([]);
    return peopleOf(db).where('chainPeople.organizationId', 'in', organizationIds).orderBy('chainPeople.id').execute();
  },

  person(db: Db, organizationId: string, id: string) {
    return peopleOf(db).where('chainPeople.organizationId', '=', organizationId).where('chainPeople.id', '=', id).executeTakeFirst();
  },

  edges(db: Db, organizationId: string) {
    return db.selectFrom('chainEdges').selectAll().where('organizationId', '=', organizationId).where('deletedAt', 'is', null).orderBy('id').execute();
  },

  /** Which of `contactIds` are live contacts listed at the organization. */
  async contactsAt(db: Db, organizationId: string, contactIds: string[]): Promise<Set<string>> {
    if (contactIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('contactOrganizations')
      .innerJoin('contacts', 'contacts.id', 'contactOrganizations.contactId')
      .select('contacts.id')
      .where('contactOrganizations.organizationId', '=', organizationId)
      .where('contactOrganizations.contactId', 'in', contactIds)
      .where('contacts.deletedAt', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.id));
  },

  async activeUsers(db: Db, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('deactivatedAt', 'is', null).where('deletedAt', 'is', null).execute();
    return new Set(rows.map((r) => r.id));
  },

  /** Ids already used by another organization's rows (live or deleted): a client-chosen id cannot take them over. */
  async foreignIds(db: Db, organizationId: string, ids: { departments: string[]; people: string[]; edges: string[] }) {
    const taken = new Set<string>();
    const check = async (table: 'accountDepartments' | 'chainPeople' | 'chainEdges', list: string[]) => {
      if (list.length === 0) return;
      const rows = await db.selectFrom(table).select('id').where('id', 'in', list).where('organizationId', '!=', organizationId).execute();
      for (const r of rows) taken.add(r.id);
    };
    await check('accountDepartments', ids.departments);
    await check('chainPeople', ids.people);
    await check('chainEdges', ids.edges);
    return taken;
  },

  /** Every row of the chain, deleted ones too: a saved graph may bring a deleted id back. */
  allRows(db: Db, organizationId: string) {
    return Promise.all([
      db.selectFrom('accountDepartments').selectAll().where('organizationId', '=', organizationId).execute(),
      db.selectFrom('chainPeople').selectAll().where('organizationId', '=', organizationId).execute(),
      db.selectFrom('chainEdges').selectAll().where('organizationId', '=', organizationId).execute(),
    ]);
  },

  insertDepartment: (db: Db, row: Insertable<AccountDepartmentsTable>) => db.insertInto('accountDepartments').values(row).execute(),
  updateDepartment: (db: Db, id: string, changes: Updateable<AccountDepartmentsTable>) =>
    db
      .updateTable('accountDepartments')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute(),
  insertPerson: (db: Db, row: Insertable<ChainPeopleTable>) => db.insertInto('chainPeople').values(row).execute(),
  updatePerson: (db: Db, id: string, changes: Updateable<ChainPeopleTable>) =>
    db
      .updateTable('chainPeople')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute(),
  insertEdge: (db: Db, row: Insertable<ChainEdgesTable>) => db.insertInto('chainEdges').values(row).execute(),
  updateEdge: (db: Db, id: string, changes: Updateable<ChainEdgesTable>) =>
    db
      .updateTable('chainEdges')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute(),

  relations(db: Db, organizationId: string) {
    return db
      .selectFrom('accountRelations')
      .selectAll()
      .where('organizationId', '=', organizationId)
      .where('deletedAt', 'is', null)
      .orderBy('happenedOn', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
  },
  relation(db: Db, organizationId: string, id: string) {
    return db
      .selectFrom('accountRelations')
      .selectAll()
      .where('organizationId', '=', organizationId)
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },
  insertRelation: (db: Db, row: Insertable<AccountRelationsTable>) => db.insertInto('accountRelations').values(row).returningAll().executeTakeFirstOrThrow(),
  updateRelation: (db: Db, id: string, version: number, changes: Updateable<AccountRelationsTable>) =>
    db
      .updateTable('accountRelations')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('deletedAt', 'is', null)
      .returningAll()
      .executeTakeFirst(),
};
