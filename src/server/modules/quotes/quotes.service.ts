import { fromMinor, toMinorNumber } from '../../../shared/money.js';
import type { QuoteCreate, QuoteListQuery, QuoteUpdate } from '../../../shared/schemas/quotes.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { contactsService } from '../contacts/contacts.service.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { opportunitiesService } from '../opportunities/opportunities.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { priceListsService } from '../products/price-lists.service.js';
import { productsService } from '../products/products.service.js';
import { usersService } from '../users/users.service.js';
import { chinaToday, chinaYear, formatQuoteNumber } from './quote-dates.js';
import { buildLines } from './quote-lines.js';
import { auditableQuote, effectiveStatus, presentQuote, type QuoteNames } from './quotes.presenter.js';
import { QUOTE_SORT_COLUMNS, quotesRepository as repo } from './quotes.repository.js';
import { indexQuote } from './quotes.search.js';
import type { PriceListRow, QuoteLineRow, QuoteRow } from './quotes.tables.js';

export const MODULE = 'quotes';

export async function namesFor(db: Db, rows: QuoteRow[], lines: QuoteLineRow[] = []): Promise<QuoteNames> {
  const ids = <K extends keyof QuoteRow>(k: K) => rows.map((r) => r[k]).filter((v): v is NonNullable<QuoteRow[K]> => !!v) as string[];
  const priceListIds = [...new Set(ids('priceListId'))];
  const productIds = [...new Set(lines.map((l) => l.productId).filter((v): v is string => !!v))];
  const [organizations, contacts, opportunities, users, priceLists, skus] = await Promise.all([
    organizationsService.namesOf({ db }, ids('organizationId')),
    contactsService.namesOf({ db }, ids('contactId')),
    opportunitiesService.namesOf({ db }, ids('opportunityId')),
    usersService.namesOf({ db }, ids('ownerId')),
    Promise.all(priceListIds.map((id) => priceListsService.find(db, id))).then(
      (ls) => new Map(ls.filter((l): l is PriceListRow => !!l).map((l) => [l.id, l.name])),
    ),
    skusOf(db, productIds),
  ]);
  return { organizations, contacts, opportunities, users, priceLists, skus };
}

async function skusOf(db: Db, productIds: string[]): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const products = await productsService.byIds(db, productIds);
  return new Map([...products.values()].map((p) => [p.id, p.sku]));
}

/** A quote with its lines, as the API shows one record. */
export async function presentOne(db: Db, row: QuoteRow) {
  const lines = await repo.linesOf(db, row.id);
  return presentQuote(row, await namesFor(db, [row], lines), chinaToday(), lines);
}

export async function loadVisible(ctx: Ctx, id: string, db: Db = ctx.db): Promise<QuoteRow> {
  const row = await repo.findVisible(db, ctx.actor, id);
  if (!row) throw notFound('Quote');
  return row;
}

/** 409 unless the quote is a draft that no newer version replaced; `locked` while an approval is pending. */
export function assertEditable(row: QuoteRow): void {
  if (row.supersededById) throw conflict('quote_superseded', 'A newer version of this quote exists; this one is read-only');
  if (row.status === 'pending_approval') throw conflict('locked', 'The quote is waiting for approval and cannot be changed');
  if (row.status !== 'draft') throw conflict('quote_not_editable', 'Only a draft quote can be changed; revise it to make a new version');
}

type Refs = Pick<QuoteCreate, 'organizationId' | 'contactId' | 'opportunityId' | 'priceListId' | 'currency'>;

/** Linked records the actor must see, and the price list and currency that go together. */
async function checkRefs(ctx: Ctx, input: Partial<Refs>, current: QuoteRow | undefined, fields: Record<string, string>) {
  const orgId = input.organizationId ?? current?.organizationId;
  if (input.organizationId && input.organizationId !== current?.organizationId) {
    if (!(await organizationsService.visibleIds(ctx, [input.organizationId])).has(input.organizationId)) {
      fields.organizationId = 'No such customer, or you cannot see it';
    }
  }
  if (input.contactId && input.contactId !== current?.contactId) {
    if (!(await contactsService.visibleIds(ctx, [input.contactId])).has(input.contactId)) fields.contactId = 'No such contact, or you cannot see it';
  }
  if (input.opportunityId && input.opportunityId !== current?.opportunityId) {
    if (!(await opportunitiesService.visibleIds(ctx, [input.opportunityId])).has(input.opportunityId)) {
      fields.opportunityId = 'No such opportunity, or you cannot see it';
    }
  }
  const priceListId = input.priceListId === undefined ? (current?.priceListId ?? null) : input.priceListId;
  const priceList = priceListId ? await priceListsService.find(ctx.db, priceListId) : undefined;
  if (priceListId && !priceList) fields.priceListId = 'No such price list';
  else if (priceList && priceList.active !== 1 && priceList.id !== current?.priceListId) fields.priceListId = 'This price list is not active';
  const currency = input.currency ?? (input.priceListId !== undefined && priceList ? priceList.currency : current?.currency) ?? priceList?.currency;
  if (!currency) fields.currency = 'Choose a currency or a price list';
  else if (priceList && priceList.currency !== currency) fields.currency = `The price list is in ${priceList.currency}`;
  return { organizationId: orgId as string, priceList, currency: currency as string };
}

const fail = (fields: Record<string, string>) => {
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
};

export const quotesService = {
  async list(ctx: Ctx, q: QuoteListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, QUOTE_SORT_COLUMNS, 'quotes.id', '-createdAt');
    const today = chinaToday();
    const { rows, ...count } = await repo.list(ctx.db, ctx.actor, q, keys, today);
    const page = toPage(rows, q.limit, keys, (row, field) => (field === 'total' ? toMinorNumber(row.totalMinor) : row[field as keyof QuoteRow]));
    const names = await namesFor(ctx.db, page.rows);
    return { items: page.rows.map((r) => presentQuote(r, names, today)), nextCursor: page.nextCursor, ...count };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return presentOne(ctx.db, await loadVisible(ctx, id));
  },

  async create(ctx: Ctx, input: QuoteCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const fields: Record<string, string> = {};
    const refs = await checkRefs(ctx, input, undefined, fields);
    const discountPercent = input.discountPercent ?? '0';
    const { lines, totals } = await buildLines(ctx.db, input.lines, refs.priceList, discountPercent, fields);
    fail(fields);
    const owner = (await resolveOwnership(ctx, MODULE, input.ownerId)) as Ownership;
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const year = chinaYear();
      const created = await repo.insert(trx, {
        id: newId(),
        number: formatQuoteNumber(year, await repo.nextNumber(trx, year)),
        revision: 1,
        previousId: null,
        supersededById: null,
        opportunityId: input.opportunityId ?? null,
        organizationId: refs.organizationId,
        contactId: input.contactId ?? null,
        priceListId: refs.priceList?.id ?? null,
        currency: refs.currency,
        status: 'draft',
        discountPercent,
        subtotalMinor: totals.subtotalMinor,
        discountMinor: totals.discountMinor,
        taxMinor: totals.taxMinor,
        totalMinor: totals.totalMinor,
        validUntil: input.validUntil ?? null,
        title: input.title?.trim() || null,
        notes: input.notes?.trim() || null,
        sentAt: null,
        decidedAt: null,
        approvalRequestId: null,
        ownerId: owner.ownerId,
        teamId: owner.teamId,
        ...freshRecord(ctx.actor.userId, at),
      });
      await repo.replaceLines(trx, created.id, lines);
      await indexQuote(trx, created);
      await auditAs(trx, ctx.actor, 'create', MODULE, created.id, {
        before: null,
        after: auditableQuote(created, await repo.linesOf(trx, created.id)),
      });
      return created;
    });
    return presentOne(ctx.db, row);
  },

  async update(ctx: Ctx, id: string, input: QuoteUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    assertEditable(current);
    const fields: Record<string, string> = {};
    const refs = await checkRefs(ctx, input, current, fields);
    const currentLines = await repo.linesOf(ctx.db, id);
    const discountPercent = input.discountPercent ?? current.discountPercent;
    // Lines are recomputed whenever anything they depend on changes; untouched lines keep their prices.
    const lineInput =
      input.lines ??
      currentLines.map((l) => ({
        productId: l.productId,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit,
        unitPrice: fromMinor(l.unitPriceMinor),
        discountPercent: l.discountPercent,
        taxRate: l.taxRate,
      }));
    const kept = new Set(currentLines.map((l) => l.productId).filter((p): p is string => !!p));
    const { lines, totals } = await buildLines(ctx.db, lineInput, refs.priceList, discountPercent, fields, kept);
    fail(fields);
    const owner = await resolveOwnership(ctx, MODULE, input.ownerId, current);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.organizationId !== undefined && { organizationId: input.organizationId }),
        ...(input.contactId !== undefined && { contactId: input.contactId }),
        ...(input.opportunityId !== undefined && { opportunityId: input.opportunityId }),
        priceListId: refs.priceList?.id ?? null,
        currency: refs.currency,
        discountPercent,
        subtotalMinor: totals.subtotalMinor,
        discountMinor: totals.discountMinor,
        taxMinor: totals.taxMinor,
        totalMinor: totals.totalMinor,
        ...(input.validUntil !== undefined && { validUntil: input.validUntil }),
        ...(input.title !== undefined && { title: input.title?.trim() || null }),
        ...(input.notes !== undefined && { notes: input.notes?.trim() || null }),
        ...owner,
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      await repo.replaceLines(trx, id, lines);
      if (input.organizationId !== undefined || input.title !== undefined) await indexQuote(trx, updated);
      await auditAs(trx, ctx.actor, 'update', MODULE, id, {
        before: auditableQuote(current, currentLines),
        after: auditableQuote(updated, await repo.linesOf(trx, id)),
      });
      return updated;
    });
    return presentOne(ctx.db, row);
  },

  /**
   * To the recycle bin. Only the latest version goes: the previous one becomes the latest again, so
   * a number always has one live head; waiting for approval, a quote cannot be deleted.
   */
  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    if (current.supersededById) throw conflict('quote_superseded', 'Delete the latest version of this quote first');
    if (current.status === 'pending_approval') throw conflict('locked', 'The quote is waiting for approval and cannot be changed');
    await setDeleted(
      ctx,
      MODULE,
      id,
      true,
      (trx, changes) => repo.update(trx, id, current.version, changes),
      async (trx) => {
        await indexQuote(trx, { ...current, deletedAt: now() });
        const previous = current.previousId ? await repo.setSuperseded(trx, current.previousId, null, now()) : undefined;
        if (previous) await indexQuote(trx, previous);
      },
    );
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted quote');
    const previous = current.previousId ? await repo.find(ctx.db, current.previousId) : undefined;
    if (previous?.supersededById) throw conflict('quote_revised_meanwhile', 'The previous version was revised again while this one was deleted');
    await setDeleted(
      ctx,
      MODULE,
      id,
      false,
      (trx, changes) => repo.update(trx, id, current.version, changes),
      async (trx) => {
        if (previous) await indexQuote(trx, { ...previous, supersededById: id });
        await indexQuote(trx, { ...current, deletedAt: null });
        if (previous) await repo.setSuperseded(trx, previous.id, id, now());
      },
    );
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  /** Every live version of a visible quote's number, oldest first. */
  async versions(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    const row = await loadVisible(ctx, id);
    const today = chinaToday();
    const items = (await repo.versionsOf(ctx.db, row.number)).map((v) => ({
      id: v.id,
      revision: v.revision,
      status: effectiveStatus(v, today),
      total: fromMinor(v.totalMinor),
      createdAt: v.createdAt,
      supersededById: v.supersededById,
    }));
    return { items };
  },
};

/** What ORDERS copies into an order: the accepted quote's money, lines and links. */
export interface QuoteForOrder {
  id: string;
  number: string;
  revision: number;
  currency: string;
  organizationId: string;
  contactId: string | null;
  opportunityId: string | null;
  ownerId: string | null;
  teamId: string | null;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  lines: {
    lineNo: number;
    productId: string | null;
    description: string;
    quantity: string;
    unit: string | null;
    unitPriceMinor: number;
    discountPercent: string;
    taxRate: string;
    netMinor: number;
    taxMinor: number;
    /** net − quote discount share + tax: the lines add up to totalMinor. */
    totalMinor: number;
  }[];
}

/**
 * The seam ORDERS uses to create an order from a quote (contract): 404 when the quote is not in the
 * actor's quote scope (or the actor has no quotes permission), 409 `quote_not_accepted` unless it is
 * accepted. `db` may be the caller's transaction.
 */
export async function getQuoteForOrder(db: Db, ctx: Ctx, quoteId: string): Promise<QuoteForOrder> {
  const row = await repo.findVisible(db, ctx.actor, quoteId);
  if (!row) throw notFound('Quote');
  if (effectiveStatus(row, chinaToday()) !== 'accepted') throw conflict('quote_not_accepted', 'Only an accepted quote can become an order');
  const lines = await repo.linesOf(db, quoteId);
  return {
    id: row.id,
    number: row.number,
    revision: row.revision,
    currency: row.currency,
    organizationId: row.organizationId,
    contactId: row.contactId,
    opportunityId: row.opportunityId,
    ownerId: row.ownerId,
    teamId: row.teamId,
    subtotalMinor: toMinorNumber(row.subtotalMinor),
    discountMinor: toMinorNumber(row.discountMinor),
    taxMinor: toMinorNumber(row.taxMinor),
    totalMinor: toMinorNumber(row.totalMinor),
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      productId: l.productId,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPriceMinor: toMinorNumber(l.unitPriceMinor),
      discountPercent: l.discountPercent,
      taxRate: l.taxRate,
      netMinor: toMinorNumber(l.netMinor),
      taxMinor: toMinorNumber(l.taxMinor),
      totalMinor: toMinorNumber(l.totalMinor),
    })),
  };
}
