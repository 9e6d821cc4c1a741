import { sql } from 'kysely';
import type { LeadListQuery } from '../../../shared/schemas/leads.js';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { writeSearchDocument } from '../../platform/search/index-writer.js';
import { containsText } from '../../platform/text-match.js';
import type { LeadRow, LeadRuleRow, LeadUpdateRow, NewLead } from './leads.tables.js';

/** A lead belongs to its owner and the owner's team at assignment (as organizations do). */
export const LEAD_SCOPE = { owner: 'leads.ownerId', team: 'leads.teamId' };
export const LEAD_SORT_COLUMNS = { createdAt: 'leads.createdAt', updatedAt: 'leads.updatedAt', name: 'leads.name' };

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('leads')
    .where(scopeFilter(actor, 'leads', LEAD_SCOPE))
    .where('leads.deletedAt', deleted ? 'is not' : 'is', null);
}

/** What global search knows of a lead: the person, the company as another name, phone and e-mail. */
function searchDocumentOf(row: LeadRow) {
  return row.deletedAt
    ? null
    : { title: row.name, names: row.company ? [row.company] : [], phones: row.phone ? [row.phone] : [], emails: row.email ? [row.email] : [] };
}
const INDEXED = ['name', 'company', 'phone', 'email', 'deletedAt'] as const;

export const leadsRepository = {
  async list(db: Db, actor: Actor, q: LeadListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.status, (qb) => qb.where('leads.status', '=', q.status as string))
      .$if(!!q.source, (qb) => qb.where('leads.source', '=', q.source as string))
      .$if(!!q.ownerId, (qb) => qb.where('leads.ownerId', '=', q.ownerId as string))
      .$if(!!q.teamId, (qb) => qb.where('leads.teamId', '=', q.teamId as string))
      .$if(!!q.provinceCode, (qb) => qb.where('leads.provinceCode', '=', q.provinceCode as string))
      .$if(!!q.q, (qb) => qb.where((eb) => eb.or([containsText('leads.name', q.q as string), containsText('leads.company', q.q as string)])));
    const rows = await orderBy(
      filtered.selectAll('leads').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<LeadRow | undefined> {
    return visible(db, actor, opts).selectAll('leads').where('leads.id', '=', id).executeTakeFirst();
  },

  /** Global search learns of the lead in the writing transaction. */
  async insert(db: Db, row: NewLead): Promise<LeadRow> {
    const created = await db.insertInto('leads').values(row).returningAll().executeTakeFirstOrThrow();
    await writeSearchDocument(db, 'leads', created.id, searchDocumentOf(created));
    return created;
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  async update(db: Db, id: string, version: number, changes: LeadUpdateRow): Promise<LeadRow | undefined> {
    const updated = await db
      .updateTable('leads')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (updated && INDEXED.some((c) => c in changes)) await writeSearchDocument(db, 'leads', id, searchDocumentOf(updated));
    return updated;
  },

  rules(db: Db): Promise<LeadRuleRow[]> {
    return db.selectFrom('leadAssignmentRules').selectAll().orderBy('position').orderBy('id').execute();
  },

  async replaceRules(db: Db, rows: LeadRuleRow[]): Promise<void> {
    await db.deleteFrom('leadAssignmentRules').execute();
    if (rows.length > 0) await db.insertInto('leadAssignmentRules').values(rows).execute();
  },

  /**
   * Takes the rule's next turn: one UPDATE … RETURNING is atomic on both databases, so two app
   * servers assigning at the same moment get consecutive numbers, never the same one.
   */
  async takeTurn(db: Db, ruleId: string): Promise<number | undefined> {
    const row = await db
      .updateTable('leadAssignmentRules')
      .set((eb) => ({ turns: eb('turns', '+', 1) }))
      .where('id', '=', ruleId)
      .returning('turns')
      .executeTakeFirst();
    return row?.turns;
  },

  /**
   * Active members of a team, in a fixed order, for the round robin. A read of the users table: the
   * users module has no list without an actor's scope, and assignment runs for imports too.
   */
  async activeMembers(db: Db, teamId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('teamId', '=', teamId)
      .where('deletedAt', 'is', null)
      .where('deactivatedAt', 'is', null)
      .orderBy(sql`id`)
      .execute();
    return rows.map((r) => r.id);
  },
};

/** A merge's rewrite of the conversion links (whatever the version: the merge must move them all). */
export async function relinkConverted(db: Db, column: 'convertedOrganizationId' | 'convertedContactId', from: string, to: string): Promise<string[]> {
  const rows = await db
    .updateTable('leads')
    .set((eb) => ({ [column]: to, version: eb('version', '+', 1) }))
    .where(column, '=', from)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
