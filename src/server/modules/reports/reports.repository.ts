import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { scopeFilter } from '../../platform/permissions.js';

/**
 * The sales reports read other modules' tables (opportunities, orders, installments, organizations,
 * targets) directly: read-only aggregations in SQL, the documented exception to "one module owns its
 * SQL" (docs/DECISIONS.md). Every query applies the `reports` scope to the owner and team of the rows
 * it counts, sums `*_minor` integers in SQL, and reads one indexed range (migration 0018), for the
 * whole-period revenue and funnel from a covering index (migration 0023).
 */

/** What every report filters by. Timestamps are [fromTs, toTs); dates are [from, to] inclusive. */
export interface ReportFilters {
  actor: Actor;
  currency: string;
  from: string;
  to: string;
  fromTs: string;
  toTs: string;
  ownerId?: string;
  /** The materialised path of the teamId filter: the team and its sub-teams. */
  teamPath?: string;
  pipelineId?: string;
}

type AnyEb = ExpressionBuilder<Database, keyof Database>;
type Owned = 'opportunities' | 'orders' | 'organizations' | 'targets';

/** The caller's `reports` scope and the owner/team filters, on the owner and team of `table`. */
function owned(f: ReportFilters, table: Owned) {
  const ownerCol = table === 'targets' ? 'targets.userId' : `${table}.ownerId`;
  return (eb: AnyEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [scopeFilter(f.actor, 'reports', { owner: ownerCol, team: `${table}.teamId` })(eb)];
    if (f.ownerId) parts.push(eb(sql.ref(ownerCol), '=', f.ownerId));
    if (f.teamPath) {
      parts.push(
        eb(
          sql.ref(`${table}.teamId`),
          'in',
          eb.selectFrom('teams as filter_teams').select('filter_teams.id').where('filter_teams.path', 'like', `${f.teamPath}%`),
        ),
      );
    }
    return eb.and(parts);
  };
}

/** An integer SUM as either driver returns it (pg: numeric text; SQLite: number); 0 for no rows. */
export type SqlSum = number | string | null;
const sum = (ref: Expression<unknown>) => sql<SqlSum>`coalesce(sum(${ref}), 0)`;
const count = (ref: Expression<unknown>) => sql<number>`count(${ref})`;

/** Live opportunities of the report's currency, pipeline (when one is chosen) and scope. */
function reportOpportunities(db: Db, f: ReportFilters) {
  return db
    .selectFrom('opportunities')
    .where('opportunities.deletedAt', 'is', null)
    .where('opportunities.currency', '=', f.currency)
    .$if(!!f.pipelineId, (qb) => qb.where('opportunities.pipelineId', '=', f.pipelineId as string))
    .where(owned(f, 'opportunities'));
}

const isPg = (db: Db) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

export const reportsRepository = {
  async teamPath(db: Db, teamId: string): Promise<string | undefined> {
    return (await db.selectFrom('teams').select('path').where('id', '=', teamId).where('deletedAt', 'is', null).executeTakeFirst())?.path;
  },

  /** The pipeline a funnel shows when none is asked for: the default one, else the first. */
  async defaultPipelineId(db: Db): Promise<string | undefined> {
    const row = await db
      .selectFrom('pipelines')
      .select('id')
      .where('deletedAt', 'is', null)
      .orderBy('isDefault', 'desc')
      .orderBy('sortOrder')
      .orderBy('id')
      .executeTakeFirst();
    return row?.id;
  },

  /** Per stage of one pipeline: the opportunities created in the range that are in it now. */
  funnel(db: Db, f: ReportFilters, pipelineId: string) {
    // Counts stage_id, not id: non-null on every joined row like id, and in the covering index (migration 0023).
    return db
      .selectFrom('pipelineStages as s')
      .leftJoin('opportunities', (j) =>
        j
          .onRef('opportunities.stageId', '=', 's.id')
          .on('opportunities.deletedAt', 'is', null)
          .on('opportunities.currency', '=', f.currency)
          .on('opportunities.createdAt', '>=', f.fromTs)
          .on('opportunities.createdAt', '<', f.toTs)
          .on(owned(f, 'opportunities') as never),
      )
      .where('s.pipelineId', '=', pipelineId)
      .where('s.deletedAt', 'is', null)
      .select(['s.id', 's.name', 's.nameZh', 's.sortOrder', 's.kind', 's.probability'])
      .select([count(sql.ref('opportunities.stageId')).as('n'), sum(sql.ref('opportunities.amountMinor')).as('amount')])
      .groupBy(['s.id', 's.name', 's.nameZh', 's.sortOrder', 's.kind', 's.probability'])
      .orderBy('s.sortOrder')
      .orderBy('s.id')
      .execute();
  },

  /** Per owner: won and lost opportunities closed in the range (on opportunities(status, closed_at)). */
  closedByOwner(db: Db, f: ReportFilters) {
    const won = sql<string>`'won'`;
    return reportOpportunities(db, f)
      .where('opportunities.status', 'in', ['won', 'lost'])
      .where('opportunities.closedAt', '>=', f.fromTs)
      .where('opportunities.closedAt', '<', f.toTs)
      .select('opportunities.ownerId')
      .select([
        sum(sql`case when ${sql.ref('opportunities.status')} = ${won} then 1 else 0 end`).as('won'),
        sum(sql`case when ${sql.ref('opportunities.status')} = ${won} then 0 else 1 end`).as('lost'),
        sum(sql`case when ${sql.ref('opportunities.status')} = ${won} then ${sql.ref('opportunities.amountMinor')} else 0 end`).as('wonAmount'),
      ])
      .groupBy('opportunities.ownerId')
      .execute();
  },

  /** Per owner: won opportunities closed in the range, and the sum of their whole days from creation to close (UTC dates). */
  cycleByOwner(db: Db, f: ReportFilters) {
    const days = isPg(db)
      ? sql`((${sql.ref('opportunities.closedAt')} at time zone 'UTC')::date - (${sql.ref('opportunities.createdAt')} at time zone 'UTC')::date)`
      : sql`cast(julianday(substr(${sql.ref('opportunities.closedAt')}, 1, 10)) - julianday(substr(${sql.ref('opportunities.createdAt')}, 1, 10)) as integer)`;
    return reportOpportunities(db, f)
      .where('opportunities.status', '=', 'won')
      .where('opportunities.closedAt', '>=', f.fromTs)
      .where('opportunities.closedAt', '<', f.toTs)
      .select('opportunities.ownerId')
      .select([count(sql.ref('opportunities.id')).as('n'), sum(days).as('days')])
      .groupBy('opportunities.ownerId')
      .execute();
  },

  /**
   * Per owner: the open pipeline expected to close in the range, as Σ amount × stage probability
   * (still ×100: the caller divides once, rounding half-up, so no cent is lost per row).
   */
  weightedByOwner(db: Db, f: ReportFilters) {
    return reportOpportunities(db, f)
      .innerJoin('pipelineStages', 'pipelineStages.id', 'opportunities.stageId')
      .where('opportunities.status', '=', 'open')
      .where('opportunities.expectedCloseDate', '>=', f.from)
      .where('opportunities.expectedCloseDate', '<=', f.to)
      .select('opportunities.ownerId')
      .select([
        count(sql.ref('opportunities.id')).as('n'),
        sum(sql.ref('opportunities.amountMinor')).as('amount'),
        sum(sql`${sql.ref('opportunities.amountMinor')} * ${sql.ref('pipelineStages.probability')}`).as('weighted100'),
      ])
      .groupBy('opportunities.ownerId')
      .execute();
  },

  /** Targets of exactly this period, in the currency: user targets per user, and team targets. */
  targetsOf(db: Db, f: ReportFilters, period: string, periodStart: string) {
    return db
      .selectFrom('targets')
      .where('targets.period', '=', period)
      .where('targets.periodStart', '=', periodStart)
      .where('targets.currency', '=', f.currency)
      .where('targets.deletedAt', 'is', null)
      .where(owned(f, 'targets'))
      .select(['targets.subjectType', 'targets.userId', 'targets.teamId', 'targets.amountMinor'])
      .execute();
  },

  /**
   * Revenue: live orders (active or completed) signed in the range, grouped by one key. By product
   * the order lines are summed instead of the order totals.
   */
  revenue(db: Db, f: ReportFilters, groupBy: string) {
    const base = db
      .selectFrom('orders')
      .where('orders.status', 'in', ['active', 'completed'])
      .where('orders.signedOn', '>=', f.from)
      .where('orders.signedOn', '<=', f.to)
      .where('orders.currency', '=', f.currency)
      .where('orders.deletedAt', 'is', null)
      .where(owned(f, 'orders'));
    if (groupBy === 'product') {
      return base
        .innerJoin('orderLines', 'orderLines.orderId', 'orders.id')
        .select(sql<string | null>`${sql.ref('orderLines.productId')}`.as('key'))
        .select([sql<number>`count(distinct ${sql.ref('orders.id')})`.as('n'), sum(sql.ref('orderLines.totalMinor')).as('amount')])
        .groupBy('orderLines.productId')
        .execute();
    }
    const orgKey: Record<string, Expression<unknown>> = {
      province: sql.ref('organizations.province'),
      // GB/T 2260: the first digit of a province code is its region (1 North … 8 Hong Kong/Macao).
      region: sql`substr(${sql.ref('organizations.province')}, 1, 1)`,
      industry: sql.ref('organizations.industry'),
    };
    const ownKey: Record<string, Expression<unknown>> = {
      rep: sql.ref('orders.ownerId'),
      team: sql.ref('orders.teamId'),
      month: sql`substr(${sql.ref('orders.signedOn')}, 1, 7)`,
    };
    const key = (orgKey[groupBy] ?? ownKey[groupBy]) as Expression<unknown>;
    // count(*), not count(orders.id): the same on an inner join, and answerable from the covering index (migration 0023).
    return base
      .$if(groupBy in orgKey, (qb) => qb.innerJoin('organizations', 'organizations.id', 'orders.organizationId'))
      .select(sql<string | null>`${key}`.as('key'))
      .select([sql<number>`count(*)`.as('n'), sum(sql.ref('orders.totalMinor')).as('amount')])
      .groupBy(key as never)
      .execute();
  },

  /** Organizations created per UTC day and province (on organizations(created_at, province)). */
  newCustomers(db: Db, f: ReportFilters) {
    const day = isPg(db)
      ? sql<string>`to_char(${sql.ref('organizations.createdAt')} at time zone 'UTC', 'YYYY-MM-DD')`
      : sql<string>`substr(${sql.ref('organizations.createdAt')}, 1, 10)`;
    return db
      .selectFrom('organizations')
      .where('organizations.createdAt', '>=', f.fromTs)
      .where('organizations.createdAt', '<', f.toTs)
      .where('organizations.deletedAt', 'is', null)
      .where(owned(f, 'organizations'))
      .select([day.as('day'), 'organizations.province', count(sql.ref('organizations.id')).as('n')])
      .groupBy([day as never, 'organizations.province'])
      .orderBy(day as never)
      .orderBy('organizations.province')
      .execute();
  },

  /**
   * Open installments of live orders due before `asOf`, per aging bucket. The bucket limits are
   * dates (asOf − 30/60/90 days), so the CASE compares YYYY-MM-DD text on both dialects.
   */
  overdue(db: Db, f: ReportFilters, asOf: string, limits: { d30: string; d60: string; d90: string }) {
    const due = sql.ref('installments.dueOn');
    // Literals, not parameters: PostgreSQL matches the GROUP BY to the SELECT by its text, and $1 ≠ $5.
    // The dates are computed by the service (YYYY-MM-DD), never taken from the request as text.
    const bucket = sql<string>`case when ${due} >= ${sql.lit(limits.d30)} then '0-30' when ${due} >= ${sql.lit(limits.d60)} then '31-60' when ${due} >= ${sql.lit(limits.d90)} then '61-90' else '90+' end`;
    return db
      .selectFrom('installments')
      .innerJoin('orders', 'orders.id', 'installments.orderId')
      .where('installments.status', '=', 'open')
      .where('installments.dueOn', '<', asOf)
      .where('orders.status', 'in', ['active', 'completed'])
      .where('orders.currency', '=', f.currency)
      .where('orders.deletedAt', 'is', null)
      .where(owned(f, 'orders'))
      .select([
        bucket.as('bucket'),
        count(sql.ref('installments.id')).as('n'),
        sum(sql`${sql.ref('installments.amountMinor')} - ${sql.ref('installments.paidMinor')}`).as('amount'),
      ])
      .groupBy(bucket as never)
      .execute();
  },

  async productNames(db: Db, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('products').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};
