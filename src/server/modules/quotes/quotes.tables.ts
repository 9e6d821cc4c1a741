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

export interface ProductsTable extends Audited {
  id: string;
  sku: string;
  name: string;
  unit: string;
  category: string | null;
  description: string | null;
  /** 0 or 1 */
  active: number;
}

export interface PriceListsTable extends Audited {
  id: string;
  name: string;
  currency: string;
  /** Percent as a decimal string, e.g. "13". */
  taxRate: string;
  isDefault: number;
  active: number;
}

export interface PriceListItemsTable {
  id: string;
  priceListId: string;
  productId: string;
  unitPriceMinor: Minor;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface QuotesTable extends Audited {
  id: string;
  number: string;
  /** The quote's version number; `version` is the optimistic lock. */
  revision: number;
  previousId: string | null;
  supersededById: string | null;
  opportunityId: string | null;
  organizationId: string;
  contactId: string | null;
  priceListId: string | null;
  currency: string;
  /** draft | pending_approval | sent | accepted | rejected | expired */
  status: string;
  discountPercent: string;
  subtotalMinor: Minor;
  discountMinor: Minor;
  taxMinor: Minor;
  totalMinor: Minor;
  validUntil: string | null;
  title: string | null;
  notes: string | null;
  sentAt: Timestamp | null;
  decidedAt: Timestamp | null;
  approvalRequestId: string | null;
  ownerId: string | null;
  teamId: string | null;
}

export interface QuoteLinesTable {
  id: string;
  quoteId: string;
  lineNo: number;
  productId: string | null;
  description: string;
  quantity: string;
  unit: string | null;
  unitPriceMinor: Minor;
  discountPercent: string;
  taxRate: string;
  grossMinor: Minor;
  netMinor: Minor;
  quoteDiscountMinor: Minor;
  taxMinor: Minor;
  totalMinor: Minor;
}

export interface QuoteNumberCountersTable {
  year: number;
  lastValue: number;
}

export type ProductRow = Selectable<ProductsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type ProductUpdateRow = Updateable<ProductsTable>;
export type PriceListRow = Selectable<PriceListsTable>;
export type NewPriceList = Insertable<PriceListsTable>;
export type PriceListUpdateRow = Updateable<PriceListsTable>;
export type PriceListItemRow = Selectable<PriceListItemsTable>;
export type NewPriceListItem = Insertable<PriceListItemsTable>;
export type QuoteRow = Selectable<QuotesTable>;
export type NewQuote = Insertable<QuotesTable>;
export type QuoteUpdateRow = Updateable<QuotesTable>;
export type QuoteLineRow = Selectable<QuoteLinesTable>;
export type NewQuoteLine = Insertable<QuoteLinesTable>;
