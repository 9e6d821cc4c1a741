import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = string;
/** bigint: better-sqlite3 reads a number, pg a string; both go through toMinorNumber. */
type Minor = ColumnType<number | string, number, number>;

interface Audited {
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

/** An order or contract (migration 0017); owner and owner's team carry its scope, as for organizations. */
export interface OrdersTable extends Audited {
  id: string;
  /** SO-2026-000045 */
  number: string;
  /** order | contract */
  kind: string;
  quoteId: string | null;
  opportunityId: string | null;
  organizationId: string;
  contactId: string | null;
  currency: string;
  subtotalMinor: Minor;
  discountMinor: Minor;
  taxMinor: Minor;
  totalMinor: Minor;
  paidMinor: Minor;
  /** draft | pending_approval | active | completed | cancelled */
  status: string;
  /** YYYY-MM-DD */
  signedOn: string | null;
  activatedAt: Timestamp | null;
  notes: string | null;
  ownerId: string | null;
  teamId: string | null;
}

export interface OrderNumberCountersTable {
  year: number;
  last: number;
}

export interface OrderLinesTable {
  id: string;
  orderId: string;
  lineNo: number;
  productId: string | null;
  description: string;
  /** Decimal string, e.g. "1.5" */
  quantity: string;
  unitPriceMinor: Minor;
  totalMinor: Minor;
}

/** One due amount of an order's payment plan. */
export interface InstallmentsTable {
  id: string;
  orderId: string;
  seq: number;
  /** YYYY-MM-DD */
  dueOn: string;
  amountMinor: Minor;
  paidMinor: Minor;
  /** open | paid */
  status: string;
  /** YYYY-MM-DD of the payment that settled it */
  paidOn: string | null;
  /** Last collection reminder; the daily scan sends once per repeat period. */
  remindedAt: Timestamp | null;
}

/** A received payment (回款); its scope follows the order's owner at the time it was recorded. */
export interface PaymentsTable extends Audited {
  id: string;
  orderId: string;
  /** The first installment it went to (see payment_allocations for the whole split). */
  installmentId: string | null;
  organizationId: string;
  amountMinor: Minor;
  currency: string;
  /** YYYY-MM-DD */
  receivedOn: string;
  method: string;
  reference: string | null;
  notes: string | null;
  ownerId: string | null;
  teamId: string | null;
}

export interface PaymentAllocationsTable {
  paymentId: string;
  installmentId: string;
  amountMinor: Minor;
}

export type OrderRow = Selectable<OrdersTable>;
export type NewOrder = Insertable<OrdersTable>;
export type OrderUpdateRow = Updateable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type InstallmentRow = Selectable<InstallmentsTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type NewPayment = Insertable<PaymentsTable>;
export type PaymentAllocationRow = Selectable<PaymentAllocationsTable>;
