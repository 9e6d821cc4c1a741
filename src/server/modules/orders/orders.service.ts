import { multiplyMinor, sumMinor, toMinor, toMinorNumber } from '../../../shared/money.js';
import type { InstallmentPlan, OrderCreate, OrderLineInput, OrderListQuery, OrderTransition, OrderUpdate } from '../../../shared/schemas/orders.js';
import type { Db } from '../../db/connection.js';
import { audit, auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { contactsService } from '../contacts/contacts.service.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { submitOrderForApproval } from './orders.approval.js';
import { auditableOrder, type OrderNames, presentInstallment, presentLine, presentOrder } from './orders.presenter.js';
import { type NewLine, ORDER_SORT_COLUMNS, ordersRepository as repo } from './orders.repository.js';
import { markOrganizationDeal, readQuoteForOrder } from './orders.seams.js';
import type { OrderRow } from './orders.tables.js';

const MODULE = 'orders';

/** A business rule the input breaks although its shape is valid (plan sum, overpayment). */
export const unprocessable = (code: string, message: string, fields?: Record<string, string>) => new AppError(code, message, 422, fields);
export const locked = () => conflict('locked', 'The order is waiting for approval and cannot be changed until it is decided');

export function formatOrderNumber(year: number, n: number): string {
  return `SO-${year}-${String(n).padStart(6, '0')}`;
}

async function namesFor(ctx: { db: Db }, rows: OrderRow[]): Promise<OrderNames> {
  const [organizations, users] = await Promise.all([
    organizationsService.namesOf(
      ctx,
      rows.map((r) => r.organizationId),
    ),
    usersService.namesOf(
      ctx,
      rows.map((r) => r.ownerId).filter((id): id is string => !!id),
    ),
  ]);
  return { organizations, users };
}

export async function presentOrders(ctx: { db: Db }, rows: OrderRow[]) {
  const names = await namesFor(ctx, rows);
  return rows.map((r) => presentOrder(r, names));
}

async function loadVisible(ctx: Ctx, id: string): Promise<OrderRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Order');
  return row;
}

/** Line totals are quantity × unit price, half-up to the cent, in decimal arithmetic. */
function priceLines(lines: OrderLineInput[]): NewLine[] {
  return lines.map((l, i) => {
    const unitPriceMinor = toMinor(l.unitPrice);
    return {
      id: newId(),
      lineNo: i + 1,
      productId: l.productId ?? null,
      description: l.description,
      quantity: l.quantity,
      unitPriceMinor,
      totalMinor: multiplyMinor(unitPriceMinor, l.quantity),
    };
  });
}

const MAX_TOTAL_MINOR = toMinor('999999999999.99');
function checkTotal(total: number): void {
  if (total > MAX_TOTAL_MINOR) throw badRequest('validation_failed', 'Some fields are invalid', { lines: 'The order total is too large' });
}

async function checkContact(ctx: Ctx, contactId: string | null | undefined): Promise<void> {
  if (!contactId) return;
  await contactsService.get(ctx, contactId).catch((err) => {
    if (err instanceof AppError && (err.status === 403 || err.status === 404)) {
      throw badRequest('validation_failed', 'Some fields are invalid', { contactId: 'No such contact' });
    }
    throw err;
  });
}

async function checkOrganization(ctx: Ctx, organizationId: string): Promise<void> {
  await organizationsService.assertVisible(ctx, organizationId).catch((err) => {
    if (err instanceof AppError && (err.status === 403 || err.status === 404)) {
      throw badRequest('validation_failed', 'Some fields are invalid', { organizationId: 'No such organization' });
    }
    throw err;
  });
}

/** Moves an order to active in the caller's transaction: the customer's "last deal" clock restarts too. */
async function activate(trx: Db, row: OrderRow, at: string): Promise<OrderRow> {
  const updated = await repo.update(trx, row.id, row.version, { status: 'active', activatedAt: row.activatedAt ?? at, updatedAt: at });
  if (!updated) throw versionConflict();
  await markOrganizationDeal(trx, row.organizationId, at);
  return updated;
}

export const ordersService = {
  async list(ctx: Ctx, q: OrderListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, ORDER_SORT_COLUMNS, 'orders.id', '-createdAt');
    const { rows, ...count } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: await presentOrders(ctx, page.rows), nextCursor: page.nextCursor, ...count };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    const row = await loadVisible(ctx, id);
    const [order] = await presentOrders(ctx, [row]);
    const [lines, installments] = await Promise.all([repo.linesOf(ctx.db, id), repo.installmentsOf(ctx.db, id)]);
    return { ...order, lines: lines.map(presentLine), installments: installments.map(presentInstallment) };
  },

  async create(ctx: Ctx, input: OrderCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const quote = input.quoteId ? await readQuoteForOrder(ctx, input.quoteId) : undefined;
    const organizationId = quote?.organizationId ?? (input.organizationId as string);
    if (!quote) await checkOrganization(ctx, organizationId);
    const contactId = input.contactId !== undefined ? input.contactId : (quote?.contactId ?? null);
    if (input.contactId) await checkContact(ctx, input.contactId);
    const lines: NewLine[] = quote ? quote.lines.map((l, i) => ({ id: newId(), lineNo: i + 1, ...l })) : priceLines(input.lines ?? []);
    const subtotal = quote?.subtotalMinor ?? sumMinor(lines.map((l) => l.totalMinor));
    const total = quote?.totalMinor ?? subtotal;
    checkTotal(total);
    const owner = (await resolveOwnership(ctx, MODULE, input.ownerId)) as Ownership;
    const at = now();
    const year = Number(at.slice(0, 4));
    const created = await ctx.db.transaction().execute(async (trx) => {
      if (quote && (await repo.liveOrderOfQuote(trx, quote.id))) {
        throw conflict('quote_already_ordered', 'An order was already made from this quote');
      }
      const row = await repo.insert(trx, {
        id: newId(),
        number: formatOrderNumber(year, await repo.nextNumber(trx, year)),
        kind: input.kind ?? 'order',
        quoteId: quote?.id ?? null,
        opportunityId: input.opportunityId !== undefined ? input.opportunityId : (quote?.opportunityId ?? null),
        organizationId,
        contactId,
        currency: quote?.currency ?? input.currency ?? 'CNY',
        subtotalMinor: subtotal,
        discountMinor: quote?.discountMinor ?? 0,
        taxMinor: quote?.taxMinor ?? 0,
        totalMinor: total,
        paidMinor: 0,
        status: 'draft',
        signedOn: input.signedOn ?? null,
        activatedAt: null,
        notes: input.notes ?? null,
        ownerId: owner.ownerId,
        teamId: owner.teamId,
        ...freshRecord(ctx.actor.userId, at),
      });
      await repo.replaceLines(trx, row.id, lines);
      await auditAs(trx, ctx.actor, 'create', MODULE, row.id, { before: null, after: auditableOrder(row) });
      return row;
    });
    return ordersService.get(ctx, created.id);
  },

  /** Drafts change freely; an active order keeps its lines, customer and currency; a pending one is locked. */
  async update(ctx: Ctx, id: string, input: OrderUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    if (current.status === 'pending_approval') throw locked();
    const draftOnly = (['lines', 'organizationId', 'currency', 'kind'] as const).filter((k) => input[k] !== undefined);
    if (current.status !== 'draft' && draftOnly.length > 0) {
      throw conflict(
        'order_not_draft',
        'Only a draft order can change its lines, customer, currency or kind',
        Object.fromEntries(draftOnly.map((k) => [k, 'Draft only'])),
      );
    }
    if (input.organizationId && input.organizationId !== current.organizationId) await checkOrganization(ctx, input.organizationId);
    if (input.contactId) await checkContact(ctx, input.contactId);
    const owner = await resolveOwnership(ctx, MODULE, input.ownerId, current);
    const lines = input.lines ? priceLines(input.lines) : undefined;
    const total = lines ? sumMinor(lines.map((l) => l.totalMinor)) : undefined;
    if (total !== undefined) checkTotal(total);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.organizationId !== undefined && { organizationId: input.organizationId }),
        ...(input.contactId !== undefined && { contactId: input.contactId }),
        ...(input.opportunityId !== undefined && { opportunityId: input.opportunityId }),
        ...(input.currency !== undefined && { currency: input.currency }),
        ...(input.signedOn !== undefined && { signedOn: input.signedOn }),
        ...(input.notes !== undefined && { notes: input.notes }),
        // Edited lines replace the quote's pricing: the order total is then the sum of its lines.
        ...(total !== undefined && { subtotalMinor: total, discountMinor: 0, taxMinor: 0, totalMinor: total }),
        ...owner,
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      let planCleared = false;
      if (lines) {
        await repo.replaceLines(trx, id, lines);
        // A draft has no payments, and a plan must add up to the total: a new total starts a new plan.
        if (total !== toMinorNumber(current.totalMinor) && (await repo.installmentsOf(trx, id)).length > 0) {
          await repo.replacePlan(trx, id, []);
          planCleared = true;
        }
      }
      await auditAs(trx, ctx.actor, 'update', MODULE, id, {
        before: auditableOrder(current),
        after: auditableOrder(updated),
        ...(planCleared && { meta: { paymentPlan: 'cleared because the total changed' } }),
      });
      return updated;
    });
    return ordersService.get(ctx, row.id);
  },

  /**
   * draft → active (through approval when the amount needs it), active → completed, draft or
   * active → cancelled. Payments complete an order by themselves when it is paid in full.
   */
  async transition(ctx: Ctx, id: string, input: OrderTransition) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    if (current.status === 'pending_approval') throw locked();
    const allowed: Record<string, string[]> = { draft: ['active', 'cancelled'], active: ['completed', 'cancelled'] };
    if (!allowed[current.status]?.includes(input.to)) {
      throw conflict('invalid_transition', `An order that is ${current.status} cannot become ${input.to}`, { to: `Not allowed from ${current.status}` });
    }
    const at = now();
    await ctx.db.transaction().execute(async (trx) => {
      let updated: OrderRow | undefined;
      let meta: Record<string, unknown> | undefined;
      if (input.to === 'active') {
        const approval = await submitOrderForApproval(trx, ctx, current);
        if (approval.required) {
          updated = await repo.update(trx, id, current.version, { status: 'pending_approval', updatedAt: at });
          meta = { approvalRequestId: approval.requestId ?? null };
        } else {
          updated = await activate(trx, current, at);
        }
      } else {
        updated = await repo.update(trx, id, current.version, { status: input.to, updatedAt: at });
      }
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', MODULE, id, { before: auditableOrder(current), after: auditableOrder(updated), ...(meta && { meta }) });
    });
    return ordersService.get(ctx, id);
  },

  /** Replaces the payment plan; the amounts must add up to the order total to the cent. */
  async replacePlan(ctx: Ctx, id: string, input: InstallmentPlan) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    if (current.status === 'pending_approval') throw locked();
    if (current.status !== 'draft' && current.status !== 'active') {
      throw conflict('order_closed', 'A completed or cancelled order keeps its payment plan');
    }
    const amounts = input.installments.map((i) => toMinor(i.amount));
    const sum = sumMinor(amounts);
    const total = toMinorNumber(current.totalMinor);
    if (sum !== total) {
      const fmt = (m: number) => (m / 100).toFixed(2);
      throw unprocessable('plan_sum_mismatch', `The installments add up to ${fmt(sum)} but the order total is ${fmt(total)}`, {
        installments: `Must add up to ${fmt(total)} (now ${fmt(sum)})`,
      });
    }
    // Sorted by due date (stable, so equal dates keep the order given): seq 1 is due first.
    const plan = input.installments
      .map((p, i) => ({ dueOn: p.dueOn, amountMinor: amounts[i], given: i }))
      .sort((a, b) => (a.dueOn === b.dueOn ? a.given - b.given : a.dueOn < b.dueOn ? -1 : 1))
      .map((p, i) => ({ id: newId(), seq: i + 1, dueOn: p.dueOn, amountMinor: p.amountMinor }));
    const at = now();
    await ctx.db.transaction().execute(async (trx) => {
      if (await repo.hasPayments(trx, id)) throw conflict('plan_has_payments', 'Payments were recorded against this plan; delete them before changing it');
      const before = await repo.installmentsOf(trx, id);
      const updated = await repo.update(trx, id, current.version, { updatedAt: at });
      if (!updated) throw versionConflict();
      await repo.replacePlan(trx, id, plan);
      const show = (rows: { dueOn: string; amountMinor: number | string }[]) =>
        rows.map((r) => `${r.dueOn}: ${(toMinorNumber(r.amountMinor) / 100).toFixed(2)}`);
      await auditAs(trx, ctx.actor, 'update', MODULE, id, { before: { paymentPlan: show(before) }, after: { paymentPlan: show(plan) } });
    });
    return ordersService.get(ctx, id);
  },

  /** To the recycle bin; an order with payments keeps them, so it cannot go until they are deleted. */
  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    if (current.status === 'pending_approval') throw locked();
    if (await repo.hasPayments(ctx.db, id)) throw conflict('order_has_payments', 'Delete the payments of this order first');
    await setDeleted(ctx, MODULE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted order');
    await setDeleted(ctx, MODULE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  /** For the approval engine (a system actor): the request's title. */
  async approvalTitle(db: Db, id: string): Promise<string> {
    const row = await repo.findById(db, id);
    if (!row) return id;
    const org = (await organizationsService.namesOf({ db }, [row.organizationId])).get(row.organizationId);
    return org ? `${row.number} · ${org}` : row.number;
  },

  /** The approval engine decided: approved activates the order, rejected sends it back to draft. */
  async approvalDecided(trx: Db, id: string, outcome: 'approved' | 'rejected'): Promise<void> {
    const row = await repo.findById(trx, id);
    if (row?.status !== 'pending_approval') return;
    const at = now();
    const updated = outcome === 'approved' ? await activate(trx, row, at) : await repo.update(trx, id, row.version, { status: 'draft', updatedAt: at });
    if (!updated) throw versionConflict();
    // The approvers' own steps are audited by the approval engine; this entry records the order's move.
    await audit(trx, {
      actorId: null,
      ip: null,
      action: 'update',
      entityType: MODULE,
      entityId: id,
      before: auditableOrder(row),
      after: auditableOrder(updated),
      meta: { approval: outcome },
    });
  },
};
