import { fromMinor, toMinor } from '../../../shared/money.js';
import type { PriceList, PriceListCreate, PriceListListQuery, PriceListUpdate } from '../../../shared/schemas/products.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import type { PriceListRow } from '../quotes/quotes.tables.js';
import { PRICE_LIST_SORT_COLUMNS, priceListsRepository as repo } from './price-lists.repository.js';
import { productsService } from './products.service.js';

/** Price lists are part of the product catalogue and share its permissions. */
const MODULE = 'products';
const ENTITY = 'price_lists';

function present(row: PriceListRow, itemCount: number, items?: PriceList['items']): PriceList {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency as PriceList['currency'],
    taxRate: row.taxRate,
    isDefault: row.isDefault === 1,
    active: row.active === 1,
    itemCount,
    ...(items && { items }),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

const auditable = (row: PriceListRow) => ({
  name: row.name,
  currency: row.currency,
  taxRate: row.taxRate,
  isDefault: row.isDefault === 1,
  active: row.active === 1,
});

async function load(ctx: Ctx, id: string): Promise<PriceListRow> {
  const row = await repo.find(ctx.db, id);
  if (!row) throw notFound('Price list');
  return row;
}

/** Items checked against live products, one price per product; a 400 names every bad row. */
async function checkItems(db: Db, items: PriceListCreate['items']) {
  if (!items) return undefined;
  const fields: Record<string, string> = {};
  const products = await productsService.byIds(
    db,
    items.map((i) => i.productId),
  );
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!products.has(item.productId)) fields[`items.${i}.productId`] = 'No such product';
    else if (seen.has(item.productId)) fields[`items.${i}.productId`] = 'This product is already in the list';
    seen.add(item.productId);
  });
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
  const at = now();
  return items.map((item) => ({ id: newId(), productId: item.productId, unitPriceMinor: toMinor(item.unitPrice), createdAt: at, updatedAt: at }));
}

async function withItems(db: Db, row: PriceListRow): Promise<PriceList> {
  const items = (await repo.items(db, row.id)).map((i) => ({
    productId: i.productId,
    sku: i.sku,
    productName: i.name,
    unit: i.unit,
    productActive: i.active === 1,
    unitPrice: fromMinor(i.unitPriceMinor),
  }));
  return present(row, items.length, items);
}

export const priceListsService = {
  async list(ctx: Ctx, q: PriceListListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, PRICE_LIST_SORT_COLUMNS, 'priceLists.id', 'name');
    const { rows, ...count } = await repo.list(ctx.db, q, keys);
    const page = toPage(rows, q.limit, keys);
    const counts = await repo.itemCounts(
      ctx.db,
      page.rows.map((r) => r.id),
    );
    return { items: page.rows.map((r) => present(r, counts.get(r.id) ?? 0)), nextCursor: page.nextCursor, ...count };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return withItems(ctx.db, await load(ctx, id));
  },

  async create(ctx: Ctx, input: PriceListCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const items = await checkItems(ctx.db, input.items);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        name: input.name,
        currency: input.currency,
        taxRate: input.taxRate,
        isDefault: input.isDefault ? 1 : 0,
        active: input.active === false ? 0 : 1,
        ...freshRecord(ctx.actor.userId),
      });
      if (created.isDefault) await repo.clearDefault(trx, created.currency, created.id);
      if (items) await repo.replaceItems(trx, created.id, items);
      await auditAs(trx, ctx.actor, 'create', ENTITY, created.id, { before: null, after: auditable(created), meta: { items: items?.length ?? 0 } });
      return created;
    });
    return withItems(ctx.db, row);
  },

  async update(ctx: Ctx, id: string, input: PriceListUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await load(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const items = await checkItems(ctx.db, input.items);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.currency !== undefined && { currency: input.currency }),
        ...(input.taxRate !== undefined && { taxRate: input.taxRate }),
        ...(input.isDefault !== undefined && { isDefault: input.isDefault ? 1 : 0 }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      if (updated.isDefault) await repo.clearDefault(trx, updated.currency, id);
      if (items) await repo.replaceItems(trx, id, items);
      await auditAs(trx, ctx.actor, 'update', ENTITY, id, {
        before: auditable(current),
        after: auditable(updated),
        ...(items && { meta: { items: items.length } }),
      });
      return updated;
    });
    return withItems(ctx.db, row);
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await load(ctx, id);
    await setDeleted(ctx, ENTITY, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.find(ctx.db, id, { deleted: true });
    if (!current) throw notFound('Deleted price list');
    await setDeleted(ctx, ENTITY, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.find(ctx.db, id)) ?? (await repo.find(ctx.db, id, { deleted: true })));
  },

  /** A live price list for quoting (no permission check: the quote's own rules apply). */
  find: (db: Db, id: string) => repo.find(db, id),
  pricesOf: (db: Db, priceListId: string, productIds: string[]) => repo.pricesOf(db, priceListId, productIds),
};
