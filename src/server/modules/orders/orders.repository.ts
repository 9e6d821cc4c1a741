import { sql } from 'kysely';
import type { OrderListQuery } from '../../../shared/schemas/orders.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { cappedCount } from '../../platform/list-filters.js';
import { orderBy, readKeysetPage, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';
import type { InstallmentRow, NewOrder, OrderLineRow, OrderRow, OrderUpdateRow } from './orders.tables.js';

const MODULE: ModuleKey = 'orders';
/** Owner and the owner's team at assignment, as for organizations. */
export const ORDER_SCOPE = { owner: 'orders.ownerId', team: 'orders.teamId' };
export const ORDER_SORT_COLUMNS = { createdAt: 'orders.createdAt', updatedAt: 'orders.updatedAt', number: 'orders.number' };

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('orders')
    .where(scopeFilter(actor, MODULE, ORDER_SCOPE))
    .where('orders.deletedAt', deleted ? 'is not' : 'is', null);
}

export type NewLine = Omit<OrderLineRow, 'orderId' | 'unitPriceMinor' | 'totalMinor'> & { unitPriceMinor: number; totalMinor: number };
export type NewInstallment = { id: string; seq: number; dueOn: string; amountMinor: number };

export const ordersRepository = {
  async list(db: Db, actor: Actor, q: OrderListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.q, (qb) => qb.where(containsText('orders.number', q.q as string)))
      .$if(!!q.status, (qb) => qb.where('orders.status', '=', q.status as string))
      .$if(!!q.kind, (qb) => qb.where('orders.kind', '=', q.kind as string))
      .$if(!!q.organizationId, (qb) => qb.where('orders.organizationId', '=', q.organizationId as string))
      .$if(!!q.contactId, (qb) => qb.where('orders.contactId', '=', q.contactId as string))
      .$if(!!q.opportunityId, (qb) => qb.where('orders.opportunityId', '=', q.opportunityId as string))
      .$if(!!q.ownerId, (qb) => qb.where('orders.ownerId', '=', q.ownerId as string));
    const rows = await readKeysetPage(keys, q.cursor, q.limit, (after, limit) =>
      orderBy(
        filtered.selectAll('orders').$if(!!after, (qb) => qb.where(after as never)),
        keys,
      )
        .limit(limit)
        .execute(),
    );
    return { rows, ...(q.total ? await cappedCount(db, filtered) : {}) };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<OrderRow | undefined> {
    return visible(db, actor, opts).selectAll('orders').where('orders.id', '=', id).executeTakeFirst();
  },

  /** Whatever the scope: approvals and the collection job act for the system. */
  findById(db: Db, id: string): Promise<OrderRow | undefined> {
    return db.selectFrom('orders').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  insert(db: Db, row: NewOrder): Promise<OrderRow> {
    return db.insertInto('orders').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  update(db: Db, id: string, version: number, changes: OrderUpdateRow): Promise<OrderRow | undefined> {
    return db
      .updateTable('orders')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /**
   * The next number of the year, e.g. 45 for SO-2026-000045. One upsert that increments and reads
   * in the same statement: concurrent orders each get their own number (the row lock on PostgreSQL,
   * the single writer on SQLite), and a rolled-back order leaves a gap rather than a duplicate.
   */
  async nextNumber(trx: Db, year: number): Promise<number> {
    const row = await trx
      .insertInto('orderNumberCounters')
      .values({ year, last: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`order_number_counters.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    return Number(row.last);
  },

  linesOf(db: Db, orderId: string): Promise<OrderLineRow[]> {
    return db.selectFrom('orderLines').selectAll().where('orderId', '=', orderId).orderBy('lineNo').execute();
  },

  async replaceLines(trx: Db, orderId: string, lines: NewLine[]): Promise<void> {
    await trx.deleteFrom('orderLines').where('orderId', '=', orderId).execute();
    if (lines.length > 0)
      await trx
        .insertInto('orderLines')
        .values(lines.map((l) => ({ ...l, orderId })))
        .execute();
  },

  installmentsOf(db: Db, orderId: string): Promise<InstallmentRow[]> {
    return db.selectFrom('installments').selectAll().where('orderId', '=', orderId).orderBy('seq').execute();
  },

  async replacePlan(trx: Db, orderId: string, plan: NewInstallment[]): Promise<void> {
    await trx.deleteFrom('installments').where('orderId', '=', orderId).execute();
    if (plan.length > 0) {
      await trx
        .insertInto('installments')
        .values(plan.map((p) => ({ ...p, orderId, paidMinor: 0, status: 'open', paidOn: null, remindedAt: null })))
        .execute();
    }
  },

  /** Whether any live payment was recorded against the order (a plan with payments cannot be replaced). */
  async hasPayments(db: Db, orderId: string): Promise<boolean> {
    const row = await db.selectFrom('payments').select('id').where('orderId', '=', orderId).where('deletedAt', 'is', null).limit(1).executeTakeFirst();
    return !!row;
  },

  /** The live, not cancelled order made from a quote, if any: a quote becomes one order. */
  liveOrderOfQuote(db: Db, quoteId: string) {
    return db
      .selectFrom('orders')
      .select('id')
      .where('quoteId', '=', quoteId)
      .where('deletedAt', 'is', null)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
  },

  /** Number and customer of orders by id, whatever the scope (a visible payment names its order). */
  async numbersOf(db: Db, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.selectFrom('orders').select(['id', 'number']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.number]));
  },
};
