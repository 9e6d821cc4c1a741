import { type ExpressionBuilder, sql } from 'kysely';
import { toMinor } from '../../../shared/money.js';
import type { OpportunityListQuery } from '../../../shared/schemas/opportunities.js';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { cappedCount } from '../../platform/list-filters.js';
import { orderBy, readKeysetPage, type SortColumn, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';
import type {
  NewOpportunity,
  OpportunityCompetitorRow,
  OpportunityContactRow,
  OpportunityRow,
  OpportunityStageHistoryRow,
  OpportunityUpdateRow,
} from './opportunities.tables.js';

/** A deal belongs to its owner and the owner's team at assignment, like an organization. */
export const OPPORTUNITY_SCOPE = { owner: 'opportunities.ownerId', team: 'opportunities.teamId' };
export const OPPORTUNITY_SORT_COLUMNS: Record<string, SortColumn> = {
  updatedAt: 'opportunities.updatedAt',
  createdAt: 'opportunities.createdAt',
  name: 'opportunities.name',
  amount: 'opportunities.amountMinor',
  expectedCloseDate: { column: 'opportunities.expectedCloseDate', nullable: true },
  closedAt: { column: 'opportunities.closedAt', nullable: true },
};

/** The filters the list and the board share (the board adds its pipeline, the list its stage/status). */
export type OpportunityFilters = Pick<
  OpportunityListQuery,
  'q' | 'ownerId' | 'mine' | 'teamId' | 'organizationId' | 'contactId' | 'currency' | 'closeFrom' | 'closeTo' | 'amountMin' | 'amountMax'
> & { pipelineId?: string; stageId?: string[]; status?: string };

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('opportunities')
    .where(scopeFilter(actor, 'opportunities', OPPORTUNITY_SCOPE))
    .where('opportunities.deletedAt', deleted ? 'is not' : 'is', null);
}

function filtered(db: Db, actor: Actor, q: OpportunityFilters) {
  const owner = q.mine ? actor.userId : q.ownerId;
  return visible(db, actor)
    .$if(!!owner, (qb) => qb.where('opportunities.ownerId', '=', owner as string))
    .$if(!!q.teamId, (qb) => qb.where('opportunities.teamId', '=', q.teamId as string))
    .$if(!!q.organizationId, (qb) => qb.where('opportunities.organizationId', '=', q.organizationId as string))
    .$if(!!q.pipelineId, (qb) => qb.where('opportunities.pipelineId', '=', q.pipelineId as string))
    .$if(!!q.stageId, (qb) => qb.where('opportunities.stageId', 'in', q.stageId as string[]))
    .$if(!!q.status, (qb) => qb.where('opportunities.status', '=', q.status as string))
    .$if(!!q.currency, (qb) => qb.where('opportunities.currency', '=', q.currency as string))
    .$if(!!q.closeFrom, (qb) => qb.where('opportunities.expectedCloseDate', '>=', q.closeFrom as string))
    .$if(!!q.closeTo, (qb) => qb.where('opportunities.expectedCloseDate', '<=', q.closeTo as string))
    .$if(!!q.amountMin, (qb) => qb.where('opportunities.amountMinor', '>=', toMinor(q.amountMin as string)))
    .$if(!!q.amountMax, (qb) => qb.where('opportunities.amountMinor', '<=', toMinor(q.amountMax as string)))
    .$if(!!q.contactId, (qb) =>
      qb.where((eb: ExpressionBuilder<Database, 'opportunities'>) =>
        eb.exists(
          eb
            .selectFrom('opportunityContacts')
            .select('opportunityContacts.contactId')
            .whereRef('opportunityContacts.opportunityId', '=', 'opportunities.id')
            .where('opportunityContacts.contactId', '=', q.contactId as string),
        ),
      ),
    )
    .$if(!!q.q, (qb) => qb.where(containsText('opportunities.name', q.q as string)));
}

export const opportunitiesRepository = {
  async list(db: Db, actor: Actor, q: OpportunityListQuery, keys: SortKey[]) {
    const base = filtered(db, actor, q);
    const rows = await readKeysetPage(keys, q.cursor, q.limit, (after, limit) =>
      orderBy(
        base.selectAll('opportunities').$if(!!after, (qb) => qb.where(after as never)),
        keys,
      )
        .limit(limit)
        .execute(),
    );
    return { rows, ...(q.total ? await cappedCount(db, base) : {}) };
  },

  /** One board column: the first cards of a stage, most recently updated first (limit + 1 rows for the cursor). */
  column(db: Db, actor: Actor, q: OpportunityFilters, stageId: string, limit: number): Promise<OpportunityRow[]> {
    return filtered(db, actor, { ...q, stageId: [stageId] })
      .selectAll('opportunities')
      .orderBy('opportunities.updatedAt', 'desc')
      .orderBy('opportunities.id', 'desc')
      .limit(limit + 1)
      .execute();
  },

  /**
   * Totals per stage and currency in SQL: amounts are integer minor units, and the weighted sum is
   * Σ amount_minor × probability (an integer, exact), divided by 100 once in decimal by the caller.
   */
  async totals(db: Db, actor: Actor, q: OpportunityFilters) {
    const rows = await filtered(db, actor, q)
      .select([
        'opportunities.stageId as stageId',
        'opportunities.currency as currency',
        (eb) => eb.fn.countAll().as('n'),
        (eb) => eb.fn.sum<string | number>('opportunities.amountMinor').as('amount'),
        sql<string | number>`sum(${sql.ref('opportunities.amountMinor')} * ${sql.ref('opportunities.probability')})`.as('weighted'),
      ])
      .groupBy(['opportunities.stageId', 'opportunities.currency'])
      .orderBy('opportunities.currency')
      .execute();
    return rows.map((r) => ({
      stageId: r.stageId,
      currency: r.currency,
      count: Number(r.n),
      amount: String(r.amount ?? 0),
      weighted: String(r.weighted ?? 0),
    }));
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<OpportunityRow | undefined> {
    return visible(db, actor, opts).selectAll('opportunities').where('opportunities.id', '=', id).executeTakeFirst();
  },

  async visibleIds(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await visible(db, actor).select('opportunities.id').where('opportunities.id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  },

  async namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.selectFrom('opportunities').select(['id', 'name']).where('id', 'in', unique).where('deletedAt', 'is', null).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  insert(db: Db, row: NewOpportunity): Promise<OpportunityRow> {
    return db.insertInto('opportunities').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  update(db: Db, id: string, version: number, changes: OpportunityUpdateRow): Promise<OpportunityRow | undefined> {
    return db
      .updateTable('opportunities')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Live opportunities in a stage (a pipeline edit moves them all when the stage goes). */
  inStage(db: Db, stageId: string): Promise<OpportunityRow[]> {
    return db.selectFrom('opportunities').selectAll().where('stageId', '=', stageId).where('deletedAt', 'is', null).execute();
  },

  contactsOf(db: Db, opportunityId: string): Promise<OpportunityContactRow[]> {
    return db.selectFrom('opportunityContacts').selectAll().where('opportunityId', '=', opportunityId).orderBy('createdAt').orderBy('contactId').execute();
  },

  async replaceContacts(db: Db, opportunityId: string, rows: { contactId: string; buyingRole: string }[], at: string) {
    await db.deleteFrom('opportunityContacts').where('opportunityId', '=', opportunityId).execute();
    if (rows.length > 0)
      await db
        .insertInto('opportunityContacts')
        .values(rows.map((r) => ({ opportunityId, ...r, createdAt: at })))
        .execute();
  },

  competitorsOf(db: Db, opportunityId: string): Promise<OpportunityCompetitorRow[]> {
    return db.selectFrom('opportunityCompetitors').selectAll().where('opportunityId', '=', opportunityId).orderBy('id').execute();
  },

  async replaceCompetitors(db: Db, opportunityId: string, rows: Omit<OpportunityCompetitorRow, 'opportunityId'>[]) {
    await db.deleteFrom('opportunityCompetitors').where('opportunityId', '=', opportunityId).execute();
    if (rows.length > 0)
      await db
        .insertInto('opportunityCompetitors')
        .values(rows.map((r) => ({ ...r, opportunityId })))
        .execute();
  },

  /** Closes the current history entry and opens one for the new stage. */
  async enterStage(db: Db, row: OpportunityStageHistoryRow) {
    await db
      .updateTable('opportunityStageHistory')
      .set({ leftAt: row.enteredAt })
      .where('opportunityId', '=', row.opportunityId)
      .where('leftAt', 'is', null)
      .execute();
    await db.insertInto('opportunityStageHistory').values(row).execute();
  },

  historyOf(db: Db, opportunityId: string): Promise<OpportunityStageHistoryRow[]> {
    return db.selectFrom('opportunityStageHistory').selectAll().where('opportunityId', '=', opportunityId).orderBy('enteredAt').orderBy('id').execute();
  },
};

/** For the import's duplicate check: live deals by (organization, name), whoever owns them. */
export async function opportunitiesByOrgAndName(db: Db, pairs: { organizationId: string; name: string }[]): Promise<Map<string, OpportunityRow>> {
  const found = new Map<string, OpportunityRow>();
  const orgs = [...new Set(pairs.map((p) => p.organizationId))];
  for (let i = 0; i < orgs.length; i += 200) {
    const rows = await db
      .selectFrom('opportunities')
      .selectAll()
      .where('organizationId', 'in', orgs.slice(i, i + 200))
      .where('name', 'in', [...new Set(pairs.map((p) => p.name))])
      .where('deletedAt', 'is', null)
      .execute();
    for (const r of rows) found.set(`${r.organizationId}:${r.name}`, r);
  }
  return found;
}
