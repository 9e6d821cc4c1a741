import type { PriceListListQuery } from '../../../shared/schemas/products.js';
import type { Db } from '../../db/connection.js';
import { cappedCount } from '../../platform/list-filters.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { containsText } from '../../platform/text-match.js';
import type { NewPriceList, NewPriceListItem, PriceListRow, PriceListUpdateRow } from '../quotes/quotes.tables.js';

export const PRICE_LIST_SORT_COLUMNS = {
  name: 'priceLists.name',
  createdAt: 'priceLists.createdAt',
  updatedAt: 'priceLists.updatedAt',
};

const live = (db: Db, { deleted = false } = {}) => db.selectFrom('priceLists').where('priceLists.deletedAt', deleted ? 'is not' : 'is', null);

export const priceListsRepository = {
  async list(db: Db, q: PriceListListQuery, keys: SortKey[]) {
    const filtered = live(db)
      .$if(!!q.q, (qb) => qb.where(containsText('priceLists.name', q.q as string)))
      .$if(!!q.currency, (qb) => qb.where('priceLists.currency', '=', q.currency as string))
      .$if(q.active !== undefined, (qb) => qb.where('priceLists.active', '=', q.active ? 1 : 0));
    const rows = await orderBy(
      filtered.selectAll('priceLists').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    return { rows, ...(q.total ? await cappedCount(db, filtered) : {}) };
  },

  find(db: Db, id: string, opts: { deleted?: boolean } = {}): Promise<PriceListRow | undefined> {
    return live(db, opts).selectAll('priceLists').where('priceLists.id', '=', id).executeTakeFirst();
  },

  async itemCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('priceListItems')
      .select((eb) => ['priceListId', eb.fn.countAll().as('n')])
      .where('priceListId', 'in', ids)
      .groupBy('priceListId')
      .execute();
    return new Map(rows.map((r) => [r.priceListId, Number(r.n)]));
  },

  /** Items with their products (products in the recycle bin left out), in SKU order. */
  items(db: Db, priceListId: string) {
    return db
      .selectFrom('priceListItems')
      .innerJoin('products', 'products.id', 'priceListItems.productId')
      .select(['priceListItems.productId', 'priceListItems.unitPriceMinor', 'products.sku', 'products.name', 'products.unit', 'products.active'])
      .where('priceListItems.priceListId', '=', priceListId)
      .where('products.deletedAt', 'is', null)
      .orderBy('products.sku')
      .execute();
  },

  /** Unit prices of some products in one list. */
  async pricesOf(db: Db, priceListId: string, productIds: string[]): Promise<Map<string, number | string>> {
    if (productIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('priceListItems')
      .select(['productId', 'unitPriceMinor'])
      .where('priceListId', '=', priceListId)
      .where('productId', 'in', [...new Set(productIds)])
      .execute();
    return new Map(rows.map((r) => [r.productId, r.unitPriceMinor]));
  },

  async replaceItems(db: Db, priceListId: string, items: Omit<NewPriceListItem, 'priceListId'>[]): Promise<void> {
    await db.deleteFrom('priceListItems').where('priceListId', '=', priceListId).execute();
    // Chunks keep each INSERT under SQLite's bound-parameter limit.
    for (let i = 0; i < items.length; i += 500) {
      await db
        .insertInto('priceListItems')
        .values(items.slice(i, i + 500).map((it) => ({ ...it, priceListId })))
        .execute();
    }
  },

  /** The other lists of a currency stop being its default. */
  async clearDefault(db: Db, currency: string, exceptId: string): Promise<void> {
    await db
      .updateTable('priceLists')
      .set((eb) => ({ isDefault: 0, version: eb('version', '+', 1) }))
      .where('currency', '=', currency)
      .where('isDefault', '=', 1)
      .where('id', '!=', exceptId)
      .execute();
  },

  insert(db: Db, row: NewPriceList): Promise<PriceListRow> {
    return db.insertInto('priceLists').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: PriceListUpdateRow): Promise<PriceListRow | undefined> {
    return db
      .updateTable('priceLists')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },
};
