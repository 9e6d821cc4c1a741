import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { AgingBucket, ReceivableQuery } from '../../../shared/schemas/orders.js';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { orderBy, readKeysetPage, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { ORDER_SCOPE } from './orders.repository.js';

/** The first due date of each bucket, as of a day: "31–60 days overdue" is due on [asOf − 60, asOf − 31]. */
export interface BucketBounds {
  asOf: string;
  d30: string;
  d60: string;
  d90: string;
}

const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
export const bucketBounds = (asOf: string): BucketBounds => ({ asOf, d30: daysBefore(asOf, 30), d60: daysBefore(asOf, 60), d90: daysBefore(asOf, 90) });

/** Due-date range of a bucket, so a bucket filter is an index range rather than a CASE per row. */
function bucketRange(eb: ExpressionBuilder<Database, 'installments' | 'orders'>, bucket: AgingBucket, b: BucketBounds): Expression<SqlBool> {
  const due = 'installments.dueOn' as const;
  switch (bucket) {
    case 'current':
      return eb(due, '>=', b.asOf);
    case 'd0_30':
      return eb.and([eb(due, '>=', b.d30), eb(due, '<', b.asOf)]);
    case 'd31_60':
      return eb.and([eb(due, '>=', b.d60), eb(due, '<', b.d30)]);
    case 'd61_90':
      return eb.and([eb(due, '>=', b.d90), eb(due, '<', b.d60)]);
    default:
      return eb(due, '<', b.d90);
  }
}

const outstanding = sql<number>`(installments.amount_minor - installments.paid_minor)`;
const inBucket = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then installments.amount_minor - installments.paid_minor else 0 end)`;

const KEYS: SortKey[] = [
  { field: 'dueOn', column: 'installments.dueOn', desc: false },
  { field: 'id', column: 'installments.id', desc: false },
];

/**
 * Open installments of live, active orders in the actor's order scope. Aging is read off the due
 * date alone, so the (status, due_on) index serves both the list and the totals.
 */
function openInstallments(db: Db, actor: Actor, q: ReceivableQuery, b: BucketBounds) {
  return db
    .selectFrom('installments')
    .innerJoin('orders', 'orders.id', 'installments.orderId')
    .where('installments.status', '=', 'open')
    .where('orders.status', '=', 'active')
    .where('orders.deletedAt', 'is', null)
    .where(scopeFilter(actor, 'orders', ORDER_SCOPE) as never)
    .$if(!!q.organizationId, (qb) => qb.where('orders.organizationId', '=', q.organizationId as string))
    .$if(!!q.orderId, (qb) => qb.where('orders.id', '=', q.orderId as string))
    .$if(!!q.ownerId, (qb) => qb.where('orders.ownerId', '=', q.ownerId as string))
    .$if(!!q.overdue, (qb) => qb.where('installments.dueOn', '<', b.asOf))
    .$if(!!q.bucket, (qb) => qb.where((eb) => bucketRange(eb, q.bucket as AgingBucket, b)));
}

export const receivablesRepository = {
  /**
   * Per currency: outstanding, overdue and each bucket, summed in SQL over everything the filters
   * select. Aliases without underscores: the camel-case plugin would rename d0_30 in the result.
   */
  totals(db: Db, actor: Actor, q: ReceivableQuery, b: BucketBounds) {
    const due = sql.ref('installments.due_on');
    return openInstallments(db, actor, q, b)
      .select([
        'orders.currency',
        sql<number>`sum(${outstanding})`.as('outstanding'),
        inBucket(sql`${due} < ${b.asOf}`).as('overdue'),
        inBucket(sql`${due} >= ${b.asOf}`).as('current'),
        inBucket(sql`${due} >= ${b.d30} and ${due} < ${b.asOf}`).as('days0to30'),
        inBucket(sql`${due} >= ${b.d60} and ${due} < ${b.d30}`).as('days31to60'),
        inBucket(sql`${due} >= ${b.d90} and ${due} < ${b.d60}`).as('days61to90'),
        inBucket(sql`${due} < ${b.d90}`).as('days90plus'),
      ])
      .groupBy('orders.currency')
      .orderBy('orders.currency')
      .execute();
  },

  async page(db: Db, actor: Actor, q: ReceivableQuery, b: BucketBounds) {
    const base = openInstallments(db, actor, q, b);
    const rows = await readKeysetPage(KEYS, q.cursor, q.limit, (after, limit) =>
      orderBy(
        base
          .select([
            'installments.id',
            'installments.orderId',
            'installments.seq',
            'installments.dueOn',
            'installments.amountMinor',
            'installments.paidMinor',
            'installments.remindedAt',
            'orders.number',
            'orders.organizationId',
            'orders.ownerId',
            'orders.currency',
          ])
          .$if(!!after, (qb) => qb.where(after as never)),
        KEYS,
      )
        .limit(limit)
        .execute(),
    );
    return { rows, keys: KEYS };
  },

  /**
   * Overdue installments of active orders with an owner that are due a reminder (never reminded, or
   * last reminded before `remindedBefore`), in id order after `afterId`; `actor` narrows it to a scope.
   */
  dueForReminder(db: Db, q: { today: string; remindedBefore: string | null; afterId: string; limit: number; actor?: Actor }) {
    return db
      .selectFrom('installments')
      .innerJoin('orders', 'orders.id', 'installments.orderId')
      .select('installments.id')
      .where('installments.status', '=', 'open')
      .where('installments.dueOn', '<', q.today)
      .where('installments.id', '>', q.afterId)
      .where('orders.status', '=', 'active')
      .where('orders.deletedAt', 'is', null)
      .where('orders.ownerId', 'is not', null)
      .where((eb) =>
        q.remindedBefore
          ? eb.or([eb('installments.remindedAt', 'is', null), eb('installments.remindedAt', '<', q.remindedBefore)])
          : eb('installments.remindedAt', 'is', null),
      )
      .$if(!!q.actor, (qb) => qb.where(scopeFilter(q.actor as Actor, 'orders', ORDER_SCOPE) as never))
      .orderBy('installments.id')
      .limit(q.limit)
      .execute();
  },

  /** Takes the reminder of one installment (sets reminded_at) only if it is still due one; undefined otherwise. */
  async claimReminder(trx: Db, id: string, q: { today: string; remindedBefore: string | null; at: string }) {
    const claimed = await trx
      .updateTable('installments')
      .set({ remindedAt: q.at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('dueOn', '<', q.today)
      .where((eb) => (q.remindedBefore ? eb.or([eb('remindedAt', 'is', null), eb('remindedAt', '<', q.remindedBefore)]) : eb('remindedAt', 'is', null)))
      .returningAll()
      .executeTakeFirst();
    if (!claimed) return undefined;
    const order = await trx
      .selectFrom('orders')
      .select(['id', 'number', 'ownerId', 'currency', 'organizationId', 'status', 'deletedAt'])
      .where('id', '=', claimed.orderId)
      .executeTakeFirstOrThrow();
    return { installment: claimed, order };
  },
};
