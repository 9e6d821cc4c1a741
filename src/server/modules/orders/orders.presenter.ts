import { fromMinor, toMinorNumber } from '../../../shared/money.js';
import type { Installment, Order, OrderDetail } from '../../../shared/schemas/orders.js';
import type { InstallmentRow, OrderLineRow, OrderRow } from './orders.tables.js';

export const orderLink = (id: string) => `/orders/${id}`;

export interface OrderNames {
  organizations: Map<string, string>;
  users: Map<string, string>;
}

export function presentOrder(row: OrderRow, names: OrderNames): Order {
  const total = toMinorNumber(row.totalMinor);
  const paid = toMinorNumber(row.paidMinor);
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as Order['kind'],
    status: row.status as Order['status'],
    quoteId: row.quoteId,
    opportunityId: row.opportunityId,
    organizationId: row.organizationId,
    organizationName: names.organizations.get(row.organizationId) ?? null,
    contactId: row.contactId,
    currency: row.currency as Order['currency'],
    subtotal: fromMinor(toMinorNumber(row.subtotalMinor)),
    discount: fromMinor(toMinorNumber(row.discountMinor)),
    tax: fromMinor(toMinorNumber(row.taxMinor)),
    total: fromMinor(total),
    paid: fromMinor(paid),
    outstanding: fromMinor(total - paid),
    signedOn: row.signedOn,
    activatedAt: row.activatedAt,
    notes: row.notes,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.users.get(row.ownerId) ?? null) : null,
    teamId: row.teamId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function presentInstallment(row: InstallmentRow): Installment {
  const amount = toMinorNumber(row.amountMinor);
  const paid = toMinorNumber(row.paidMinor);
  return {
    id: row.id,
    seq: row.seq,
    dueOn: row.dueOn,
    amount: fromMinor(amount),
    paid: fromMinor(paid),
    outstanding: fromMinor(amount - paid),
    status: row.status as Installment['status'],
    paidOn: row.paidOn,
    remindedAt: row.remindedAt,
  };
}

export function presentLine(row: OrderLineRow): OrderDetail['lines'][number] {
  return {
    id: row.id,
    lineNo: row.lineNo,
    productId: row.productId,
    description: row.description,
    quantity: row.quantity,
    unitPrice: fromMinor(toMinorNumber(row.unitPriceMinor)),
    total: fromMinor(toMinorNumber(row.totalMinor)),
  };
}

/** What the audit log records of an order: the fields a user sees and changes. */
export function auditableOrder(row: OrderRow): Record<string, unknown> {
  return {
    number: row.number,
    kind: row.kind,
    status: row.status,
    organizationId: row.organizationId,
    contactId: row.contactId,
    opportunityId: row.opportunityId,
    quoteId: row.quoteId,
    currency: row.currency,
    total: fromMinor(toMinorNumber(row.totalMinor)),
    paid: fromMinor(toMinorNumber(row.paidMinor)),
    signedOn: row.signedOn,
    notes: row.notes,
    ownerId: row.ownerId,
  };
}
