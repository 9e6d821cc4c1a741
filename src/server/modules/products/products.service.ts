import type { ProductCreate, ProductListQuery, ProductUpdate } from '../../../shared/schemas/products.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db-errors.js';
import { conflict, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import type { ProductRow } from '../quotes/quotes.tables.js';
import { auditableProduct, presentProduct } from './products.presenter.js';
import { PRODUCT_SORT_COLUMNS, productsRepository as repo } from './products.repository.js';

const MODULE = 'products';
const blank = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() ? v.trim() : null);
const skuTaken = () => conflict('sku_taken', 'Another product already has this SKU', { sku: 'Another product already has this SKU' });

async function load(ctx: Ctx, id: string): Promise<ProductRow> {
  const row = await repo.find(ctx.db, id);
  if (!row) throw notFound('Product');
  return row;
}

/** Runs a write that may hit the live-SKU unique index; a clash (also one raced in) answers 409. */
async function guardSku<T>(ctx: Ctx, sku: string | undefined, exceptId: string | null, write: () => Promise<T>): Promise<T> {
  if (sku !== undefined) {
    const holder = await repo.findBySku(ctx.db, sku);
    if (holder && holder.id !== exceptId) throw skuTaken();
  }
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw skuTaken();
    throw err;
  }
}

export const productsService = {
  async list(ctx: Ctx, q: ProductListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, PRODUCT_SORT_COLUMNS, 'products.id', 'name');
    const { rows, ...count } = await repo.list(ctx.db, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: page.rows.map(presentProduct), nextCursor: page.nextCursor, ...count };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return presentProduct(await load(ctx, id));
  },

  async create(ctx: Ctx, input: ProductCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const row = await guardSku(ctx, input.sku, null, () =>
      ctx.db.transaction().execute(async (trx) => {
        const created = await repo.insert(trx, {
          id: newId(),
          sku: input.sku,
          name: input.name,
          unit: input.unit,
          category: blank(input.category) ?? null,
          description: blank(input.description) ?? null,
          active: input.active === false ? 0 : 1,
          ...freshRecord(ctx.actor.userId),
        });
        await auditAs(trx, ctx.actor, 'create', MODULE, created.id, { before: null, after: auditableProduct(created) });
        return created;
      }),
    );
    return presentProduct(row);
  },

  async update(ctx: Ctx, id: string, input: ProductUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await load(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const row = await guardSku(ctx, input.sku, id, () =>
      ctx.db.transaction().execute(async (trx) => {
        const updated = await repo.update(trx, id, input.version, {
          ...(input.sku !== undefined && { sku: input.sku }),
          ...(input.name !== undefined && { name: input.name }),
          ...(input.unit !== undefined && { unit: input.unit }),
          ...(input.category !== undefined && { category: blank(input.category) }),
          ...(input.description !== undefined && { description: blank(input.description) }),
          ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
          updatedAt: now(),
        });
        if (!updated) throw versionConflict();
        await auditAs(trx, ctx.actor, 'update', MODULE, id, { before: auditableProduct(current), after: auditableProduct(updated) });
        return updated;
      }),
    );
    return presentProduct(row);
  },

  /** To the recycle bin; quote lines keep their copy of the description and price. */
  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await load(ctx, id);
    await setDeleted(ctx, MODULE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.find(ctx.db, id, { deleted: true });
    if (!current) throw notFound('Deleted product');
    // A new product may have taken the SKU while this one was in the bin.
    await guardSku(ctx, current.sku, id, () => setDeleted(ctx, MODULE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes)));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.find(ctx.db, id)) ?? (await repo.find(ctx.db, id, { deleted: true })));
  },

  /** Live products by id (for quote lines and price lists). */
  async byIds(db: Db, ids: string[]): Promise<Map<string, ProductRow>> {
    return new Map((await repo.findMany(db, ids)).map((p) => [p.id, p]));
  },
};
