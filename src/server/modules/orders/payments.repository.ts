import { sql } from 'kysely';
import type { PaymentListQuery } from '../../../shared/schemas/orders.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { cappedCount } from '../../platform/list-filters.js';
import { orderBy, readKeysetPage, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import type { InstallmentRow, NewPayment, PaymentRow } from './orders.tables.js';

/** Payments belong to the orders module's permissions; their scope is the order owner's when recorded. */
const MODULE: ModuleKey = 'orders';
export const PAYMENT_SCOPE = { owner: 'payments.ownerId', team: 'payments.teamId' };
export const PAYMENT_SORT_COLUMNS = { receivedOn: 'payments.receivedOn', createdAt: 'payments.createdAt', updatedAt: 'payments.updatedAt' };

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('payments')
    .where(scopeFilter(actor, MODULE, PAYMENT_SCOPE))
    .where('payments.deletedAt', deleted ? 'is not' : 'is', null);
}

export interface Allocation {
  installmentId: string;
  amountMinor: number;
}

export const paymentsRepository = {
  async list(db: Db, actor: Actor, q: PaymentListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.organizationId, (qb) => qb.where('payments.organizationId', '=', q.organizationId as string))
      .$if(!!q.orderId, (qb) => qb.where('payments.orderId', '=', q.orderId as string))
      .$if(!!q.ownerId, (qb) => qb.where('payments.ownerId', '=', q.ownerId as string))
      .$if(!!q.receivedFrom, (qb) => qb.where('payments.receivedOn', '>=', q.receivedFrom as string))
      .$if(!!q.receivedTo, (qb) => qb.where('payments.receivedOn', '<=', q.receivedTo as string));
    const rows = await readKeysetPage(keys, q.cursor, q.limit, (after, limit) =>
      orderBy(
        filtered.selectAll('payments').$if(!!after, (qb) => qb.where(after as never)),
        keys,
      )
        .limit(limit)
        .execute(),
    );
    return { rows, ...(q.total ? await cappedCount(db, filtered) : {}) };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<PaymentRow | undefined> {
    return visible(db, actor, opts).selectAll('payments').where('payments.id', '=', id).executeTakeFirst();
  },

  insert(db: Db, row: NewPayment): Promise<PaymentRow> {
    return db.insertInto('payments').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: Partial<Pick<PaymentRow, 'method' | 'reference' | 'notes' | 'updatedAt' | 'deletedAt' | 'deletedBy'>>) {
    return db
      .updateTable('payments')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  async insertAllocations(db: Db, paymentId: string, allocations: Allocation[]): Promise<void> {
    if (allocations.length > 0)
      await db
        .insertInto('paymentAllocations')
        .values(allocations.map((a) => ({ paymentId, ...a })))
        .execute();
  },

  async allocationsOf(db: Db, paymentIds: string[]) {
    if (paymentIds.length === 0) return [];
    return db
      .selectFrom('paymentAllocations')
      .leftJoin('installments', 'installments.id', 'paymentAllocations.installmentId')
      .select(['paymentAllocations.paymentId', 'paymentAllocations.installmentId', 'paymentAllocations.amountMinor', 'installments.seq'])
      .where('paymentAllocations.paymentId', 'in', paymentIds)
      .orderBy('installments.seq')
      .execute();
  },

  /**
   * Adds `delta` (negative to give back) to an installment's paid amount, only while the result
   * stays within 0 and the installment amount; false when it would not (the caller rolls back).
   * The status and settle date follow in the same statement.
   */
  async applyToInstallment(db: Db, installmentId: string, delta: number, paidOn: string): Promise<boolean> {
    const paid = sql<number>`installments.paid_minor + ${delta}`;
    const result = await db
      .updateTable('installments')
      .set({
        paidMinor: paid,
        status: sql<string>`case when installments.paid_minor + ${delta} >= installments.amount_minor then 'paid' else 'open' end`,
        paidOn: sql<string | null>`case when installments.paid_minor + ${delta} >= installments.amount_minor then ${paidOn} else null end`,
      })
      .where('id', '=', installmentId)
      .where(paid, '>=', 0)
      .where(paid, '<=', sql.ref<number>('installments.amountMinor'))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  installmentsForUpdate(db: Db, orderId: string): Promise<InstallmentRow[]> {
    return db.selectFrom('installments').selectAll().where('orderId', '=', orderId).orderBy('seq').execute();
  },
};
