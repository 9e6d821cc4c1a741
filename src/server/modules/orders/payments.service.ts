import { fromMinor, toMinor, toMinorNumber } from '../../../shared/money.js';
import type { Payment, PaymentCreate, PaymentListQuery, PaymentUpdate } from '../../../shared/schemas/orders.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { ordersRepository } from './orders.repository.js';
import { unprocessable } from './orders.service.js';
import type { InstallmentRow, OrderRow, PaymentRow } from './orders.tables.js';
import { type Allocation, PAYMENT_SORT_COLUMNS, paymentsRepository as repo } from './payments.repository.js';

const MODULE = 'orders';
const ENTITY = 'payments';

const money = (minor: number) => fromMinor(minor);
const outstandingOf = (i: InstallmentRow) => toMinorNumber(i.amountMinor) - toMinorNumber(i.paidMinor);

/**
 * Splits a payment over the plan: all of it to the named installment, or else to the open
 * installments oldest first (the rest of one, then the next). Paying more than is open is refused.
 */
export function allocate(installments: InstallmentRow[], amountMinor: number, installmentId?: string): Allocation[] {
  const open = installments.filter((i) => i.status === 'open' && outstandingOf(i) > 0);
  if (installmentId) {
    const target = installments.find((i) => i.id === installmentId);
    if (!target) throw badRequest('validation_failed', 'Some fields are invalid', { installmentId: 'Not an installment of this order' });
    const left = outstandingOf(target);
    if (left <= 0) throw conflict('installment_paid', 'This installment is already paid', { installmentId: 'Already paid' });
    if (amountMinor > left) {
      throw unprocessable('overpayment', `The payment is more than the ${money(left)} still open on installment ${target.seq}`, {
        amount: `At most ${money(left)} for this installment`,
      });
    }
    return [{ installmentId: target.id, amountMinor }];
  }
  const openTotal = open.reduce((s, i) => s + outstandingOf(i), 0);
  if (amountMinor > openTotal) {
    throw unprocessable('overpayment', `The payment is more than the ${money(openTotal)} still open on this order`, { amount: `At most ${money(openTotal)}` });
  }
  const allocations: Allocation[] = [];
  let rest = amountMinor;
  for (const i of open) {
    if (rest === 0) break;
    const part = Math.min(rest, outstandingOf(i));
    allocations.push({ installmentId: i.id, amountMinor: part });
    rest -= part;
  }
  return allocations;
}

/** The order's paid amount moves by `delta`; paid in full completes it, a reversal reopens it. */
async function moveOrderPaid(trx: Db, actor: Ctx['actor'], order: OrderRow, delta: number, at: string): Promise<OrderRow> {
  const paid = toMinorNumber(order.paidMinor) + delta;
  const total = toMinorNumber(order.totalMinor);
  const status = paid >= total && order.status === 'active' ? 'completed' : paid < total && order.status === 'completed' ? 'active' : order.status;
  const updated = await ordersRepository.update(trx, order.id, order.version, { paidMinor: paid, status, updatedAt: at });
  if (!updated) throw versionConflict();
  await auditAs(trx, actor, 'update', 'orders', order.id, {
    before: { paid: money(toMinorNumber(order.paidMinor)), status: order.status },
    after: { paid: money(paid), status },
  });
  return updated;
}

async function applyAllocations(trx: Db, allocations: Allocation[], sign: 1 | -1, paidOn: string): Promise<void> {
  for (const a of allocations) {
    // The guard in the UPDATE catches a concurrent payment that took the same open amount first.
    if (!(await repo.applyToInstallment(trx, a.installmentId, sign * a.amountMinor, paidOn))) {
      throw conflict('plan_changed', 'The payment plan changed meanwhile; reload the order and try again');
    }
  }
}

async function present(db: Db, rows: PaymentRow[]): Promise<Payment[]> {
  const [allocations, numbers, orgs] = await Promise.all([
    repo.allocationsOf(
      db,
      rows.map((r) => r.id),
    ),
    ordersRepository.numbersOf(
      db,
      rows.map((r) => r.orderId),
    ),
    organizationsService.namesOf(
      { db },
      rows.map((r) => r.organizationId),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    orderId: r.orderId,
    orderNumber: numbers.get(r.orderId) ?? null,
    installmentId: r.installmentId,
    allocations: allocations
      .filter((a) => a.paymentId === r.id)
      .map((a) => ({ installmentId: a.installmentId, seq: a.seq ?? null, amount: money(toMinorNumber(a.amountMinor)) })),
    organizationId: r.organizationId,
    organizationName: orgs.get(r.organizationId) ?? null,
    amount: money(toMinorNumber(r.amountMinor)),
    currency: r.currency as Payment['currency'],
    receivedOn: r.receivedOn,
    method: r.method as Payment['method'],
    reference: r.reference,
    notes: r.notes,
    ownerId: r.ownerId,
    teamId: r.teamId,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

const auditable = (r: PaymentRow) => ({
  orderId: r.orderId,
  amount: money(toMinorNumber(r.amountMinor)),
  currency: r.currency,
  receivedOn: r.receivedOn,
  method: r.method,
  reference: r.reference,
  notes: r.notes,
});

async function loadVisible(ctx: Ctx, id: string, opts: { deleted?: boolean } = {}): Promise<PaymentRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id, opts);
  if (!row) throw notFound(opts.deleted ? 'Deleted payment' : 'Payment');
  return row;
}

export const paymentsService = {
  async list(ctx: Ctx, q: PaymentListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, PAYMENT_SORT_COLUMNS, 'payments.id', '-receivedOn');
    const { rows, ...count } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: await present(ctx.db, page.rows), nextCursor: page.nextCursor, ...count };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    const [payment] = await present(ctx.db, [await loadVisible(ctx, id)]);
    return payment;
  },

  /** Records a received payment: installments, the order's paid amount and the payment in one transaction. */
  async create(ctx: Ctx, input: PaymentCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const visibleOrder = await ordersRepository.findVisible(ctx.db, ctx.actor, input.orderId);
    if (!visibleOrder) throw badRequest('validation_failed', 'Some fields are invalid', { orderId: 'No such order' });
    const amountMinor = toMinor(input.amount);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const order = await ordersRepository.findById(trx, input.orderId);
      if (!order) throw badRequest('validation_failed', 'Some fields are invalid', { orderId: 'No such order' });
      if (order.status !== 'active') throw conflict('order_not_active', 'Payments are recorded against active orders only');
      const installments = await repo.installmentsForUpdate(trx, order.id);
      if (installments.length === 0) throw unprocessable('no_payment_plan', 'Add a payment plan to the order before recording payments');
      const allocations = allocate(installments, amountMinor, input.installmentId);
      const created = await repo.insert(trx, {
        id: newId(),
        orderId: order.id,
        installmentId: allocations[0].installmentId,
        organizationId: order.organizationId,
        amountMinor,
        currency: order.currency,
        receivedOn: input.receivedOn,
        method: input.method ?? 'bank_transfer',
        reference: input.reference ?? null,
        notes: input.notes ?? null,
        ownerId: order.ownerId,
        teamId: order.teamId,
        ...freshRecord(ctx.actor.userId, at),
      });
      await repo.insertAllocations(trx, created.id, allocations);
      await applyAllocations(trx, allocations, 1, input.receivedOn);
      await moveOrderPaid(trx, ctx.actor, order, amountMinor, at);
      await auditAs(trx, ctx.actor, 'create', ENTITY, created.id, { before: null, after: auditable(created) });
      return created;
    });
    return paymentsService.get(ctx, row.id);
  },

  /** The amount and its split stay (delete and record again to change them); method, reference and notes may change. */
  async update(ctx: Ctx, id: string, input: PaymentUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.method !== undefined && { method: input.method }),
        ...(input.reference !== undefined && { reference: input.reference }),
        ...(input.notes !== undefined && { notes: input.notes }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', ENTITY, id, { before: auditable(current), after: auditable(updated) });
    });
    return paymentsService.get(ctx, id);
  },

  /** To the recycle bin, giving back exactly what it paid on each installment and on the order. */
  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(
      ctx,
      ENTITY,
      id,
      true,
      (trx, changes) => repo.update(trx, id, current.version, changes),
      async (trx) => {
        const order = await ordersRepository.findById(trx, current.orderId);
        if (!order) return;
        const allocations = (await repo.allocationsOf(trx, [id])).map((a) => ({ installmentId: a.installmentId, amountMinor: toMinorNumber(a.amountMinor) }));
        await applyAllocations(trx, allocations, -1, current.receivedOn);
        await moveOrderPaid(trx, ctx.actor, order, -toMinorNumber(current.amountMinor), now());
      },
    );
  },

  /** Back from the recycle bin: pays the same installments again, if they are still open for it. */
  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id, { deleted: true });
    await setDeleted(
      ctx,
      ENTITY,
      id,
      false,
      (trx, changes) => repo.update(trx, id, current.version, changes),
      async (trx) => {
        const order = await ordersRepository.findById(trx, current.orderId);
        if (order?.status !== 'active') throw conflict('order_not_active', 'The order is no longer active; record the payment again instead');
        const allocations = (await repo.allocationsOf(trx, [id])).map((a) => ({ installmentId: a.installmentId, amountMinor: toMinorNumber(a.amountMinor) }));
        await applyAllocations(trx, allocations, 1, current.receivedOn);
        await moveOrderPaid(trx, ctx.actor, order, toMinorNumber(current.amountMinor), now());
      },
    );
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },
};
