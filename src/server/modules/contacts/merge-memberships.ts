import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';

/**
 * Memberships (contact_organizations) moved by a merge (modules/duplicates). Links are moved, not
 * copied, so a merged-away record restored from the recycle bin comes back without them. A link
 * both records have is kept once: the survivor's, with the title and department the survivor lacks
 * taken from the other, and the earlier list position (so a main organization stays the main one).
 */

/**
 * SET values for the survivor's links that the other record also has: `otherColumn = otherId`
 * finds the other record's link to the same `matchOn` (raw SQL: a correlated subquery on the
 * table being updated, which both dialects accept under the table's own name).
 */
function fillFrom(otherColumn: 'contact_id' | 'organization_id', otherId: string, matchOn: 'contact_id' | 'organization_id') {
  const from = (col: string) =>
    sql`(select s.${sql.raw(col)} from contact_organizations as s where s.${sql.raw(otherColumn)} = ${otherId} and s.${sql.raw(matchOn)} = contact_organizations.${sql.raw(matchOn)})`;
  return {
    title: sql<string | null>`coalesce(contact_organizations.title, ${from('title')})`,
    department: sql<string | null>`coalesce(contact_organizations.department, ${from('department')})`,
    position: sql<number>`case when contact_organizations.position <= ${from('position')} then contact_organizations.position else ${from('position')} end`,
  };
}

/** Contact ids linked to an organization (those of a merged-away organization, before the move). */
export async function membersOf(trx: Db, organizationId: string): Promise<string[]> {
  const rows = await trx.selectFrom('contactOrganizations').select('contactId').where('organizationId', '=', organizationId).execute();
  return rows.map((r) => r.contactId);
}

/** The people of organization `sourceId` become people of `targetId`, keeping title and department. */
export async function moveOrganizationMembers(trx: Db, sourceId: string, targetId: string): Promise<void> {
  const alsoInSource = trx.selectFrom('contactOrganizations').select('contactId').where('organizationId', '=', sourceId);
  const alsoInTarget = trx.selectFrom('contactOrganizations').select('contactId').where('organizationId', '=', targetId);
  await trx
    .updateTable('contactOrganizations')
    .set(fillFrom('organization_id', sourceId, 'contact_id'))
    .where('organizationId', '=', targetId)
    .where('contactId', 'in', alsoInSource)
    .execute();
  await trx.deleteFrom('contactOrganizations').where('organizationId', '=', sourceId).where('contactId', 'in', alsoInTarget).execute();
  await trx.updateTable('contactOrganizations').set({ organizationId: targetId }).where('organizationId', '=', sourceId).execute();
}

/** The organizations of contact `sourceId` become organizations of `targetId`, listed after its own. */
export async function moveContactMemberships(trx: Db, sourceId: string, targetId: string): Promise<void> {
  const alsoInSource = trx.selectFrom('contactOrganizations').select('organizationId').where('contactId', '=', sourceId);
  const alsoInTarget = trx.selectFrom('contactOrganizations').select('organizationId').where('contactId', '=', targetId);
  await trx
    .updateTable('contactOrganizations')
    .set(fillFrom('contact_id', sourceId, 'organization_id'))
    .where('contactId', '=', targetId)
    .where('organizationId', 'in', alsoInSource)
    .execute();
  await trx.deleteFrom('contactOrganizations').where('contactId', '=', sourceId).where('organizationId', 'in', alsoInTarget).execute();
  const last = await trx
    .selectFrom('contactOrganizations')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('contactId', '=', targetId)
    .executeTakeFirst();
  const offset = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  await trx
    .updateTable('contactOrganizations')
    .set((eb) => ({ contactId: targetId, position: eb('position', '+', offset) }))
    .where('contactId', '=', sourceId)
    .execute();
}
