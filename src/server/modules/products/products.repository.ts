import type { ProductListQuery } from '../../../shared/schemas/products.js';
import type { Db } from '../../db/connection.js';
import { cappedCount } from '../../platform/list-filters.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { containsText } from '../../platform/text-match.js';
import type { NewProduct, ProductRow, ProductUpdateRow } from '../quotes/quotes.tables.js';

export const PRODUCT_SORT_COLUMNS = {
  name: 'products.name',
  sku: 'products.sku',
  createdAt: 'products.createdAt',
  updatedAt: 'products.updatedAt',
};

const live = (db: Db, { deleted = false } = {}) => db.selectFrom('products').where('products.deletedAt', deleted ? 'is not' : 'is', null);

export const productsRepository = {
  async list(db: Db, q: ProductListQuery, keys: SortKey[]) {
    const filtered = live(db)
      .$if(!!q.q, (qb) => qb.where((eb) => eb.or([containsText('products.name', q.q as string), containsText('products.sku', q.q as string)])))
      .$if(!!q.category, (qb) => qb.where('products.category', '=', q.category as string))
      .$if(q.active !== undefined, (qb) => qb.where('products.active', '=', q.active ? 1 : 0));
    const rows = await orderBy(
      filtered.selectAll('products').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    return { rows, ...(q.total ? await cappedCount(db, filtered) : {}) };
  },

  find(db: Db, id: string, opts: { deleted?: boolean } = {}): Promise<ProductRow | undefined> {
    return live(db, opts).selectAll('products').where('products.id', '=', id).executeTakeFirst();
  },

  findMany(db: Db, ids: string[]): Promise<ProductRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return live(db)
      .selectAll('products')
      .where('products.id', 'in', [...new Set(ids)])
      .execute();
  },

  /** The live product holding a SKU (the unique index decides races; this names the clash early). */
  findBySku(db: Db, sku: string): Promise<ProductRow | undefined> {
    return live(db).selectAll('products').where('products.sku', '=', sku).executeTakeFirst();
  },

  insert(db: Db, row: NewProduct): Promise<ProductRow> {
    return db.insertInto('products').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: ProductUpdateRow): Promise<ProductRow | undefined> {
    return db
      .updateTable('products')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },
};
