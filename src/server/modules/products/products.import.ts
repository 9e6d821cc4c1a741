import { type ProductCreate, ProductCreateSchema } from '../../../shared/schemas/products.js';
import type { Db } from '../../db/connection.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { importField, type Keyed, planBatch, slices, zodProblems } from '../customers/party-import.js';
import { foldHeader, type Importer, type ImportFieldDef, type RowProblem } from '../imports/import-entities.js';
import { productsRepository as repo } from './products.repository.js';

/**
 * Products from a file (an ERP export, a supplier catalogue): each row passes the rules of a single
 * create; the SKU identifies a product, so a row whose SKU is taken updates it (update mode), is
 * skipped (skip mode) or is refused (create mode: a SKU cannot be there twice).
 */

const MODULE = 'products' as const;

const FIELDS: ImportFieldDef[] = [
  importField('sku', 'SKU', '产品编码', ['编码', '货号', '物料编码', '产品编号', 'item code', 'product code', 'code', 'part number'], true),
  importField('name', 'Name', '产品名称', ['名称', '品名', 'product', 'product name', 'item'], true),
  importField('unit', 'Unit', '单位', ['计量单位', 'uom', 'unit of measure'], true),
  importField('category', 'Category', '类别', ['分类', '产品类别', '品类', 'type', 'product category']),
  importField('description', 'Description', '描述', ['说明', '规格', '备注', 'specification', 'notes']),
  importField('active', 'Status', '状态', ['在售', 'active', 'on sale', 'status']),
];

const ACTIVE_WORDS: Record<string, boolean> = {
  在售: true,
  启用: true,
  是: true,
  yes: true,
  y: true,
  true: true,
  active: true,
  onsale: true,
  '1': true,
  停售: false,
  停用: false,
  否: false,
  no: false,
  n: false,
  false: false,
  inactive: false,
  discontinued: false,
  '0': false,
};

interface Prepared extends Keyed {
  input: ProductCreate;
  given: Set<string>;
}

async function existingSkus(db: Db, rows: Prepared[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of slices([...new Set(rows.map((r) => r.input.sku))], 500)) {
    const hits = await db.selectFrom('products').select(['id', 'sku']).where('sku', 'in', part).where('deletedAt', 'is', null).execute();
    for (const h of hits) found.set(`sku:${h.sku}`, h.id);
  }
  return found;
}

function merge(into: Prepared, from: Prepared): void {
  for (const k of from.given) {
    const key = k as keyof ProductCreate;
    if (key in from.input) (into.input as Record<string, unknown>)[key] = from.input[key];
    into.given.add(k);
  }
}

export const productImporter: Importer<Prepared> = {
  entity: 'products',
  module: MODULE,

  fields: async () => FIELDS,

  async prepare(ctx, rows) {
    assertCan(ctx.actor, MODULE, 'create');
    const ok: Prepared[] = [];
    const problems: RowProblem[] = [];
    for (const { row, values: v } of rows) {
      const active = v.active === undefined ? undefined : ACTIVE_WORDS[foldHeader(v.active)];
      if (v.active !== undefined && active === undefined) {
        problems.push({ row, field: 'active', reason: 'Use 在售/停售 or yes/no' });
        continue;
      }
      const parsed = ProductCreateSchema.safeParse({ ...v, ...(active !== undefined && { active }) });
      if (!parsed.success) {
        problems.push(...zodProblems(row, parsed.error));
        continue;
      }
      ok.push({ row, input: parsed.data, given: new Set(Object.keys(v)), keys: [`sku:${parsed.data.sku}`] });
    }
    return { ok, problems };
  },

  async write(ctx, trx, rows, mode) {
    const at = now();
    const existing = await existingSkus(trx, rows);
    const problems: RowProblem[] = [];
    // A SKU names one live product: "create anyway" cannot apply, so those rows are reported instead.
    const writable =
      mode === 'create'
        ? rows.filter((r) => {
            if (!existing.has(r.keys[0])) return true;
            problems.push({ row: r.row, field: 'sku', reason: 'Another product already has this SKU' });
            return false;
          })
        : rows;
    const plan = planBatch(writable, mode === 'create' ? new Map() : existing, mode === 'create' ? 'skip' : mode, merge);
    let updated = plan.merged;
    const mayUpdate = can(ctx.actor, MODULE, 'update');
    for (const { id, row } of plan.updates) {
      const current = mayUpdate ? await repo.find(trx, id) : undefined;
      if (!current) {
        problems.push({ row: row.row, field: null, reason: 'Matches an existing product you may not edit' });
        continue;
      }
      const given = (k: string) => row.given.has(k);
      const changed = await repo.update(trx, id, current.version, {
        ...(given('name') && { name: row.input.name }),
        ...(given('unit') && { unit: row.input.unit }),
        ...(given('category') && { category: row.input.category ?? null }),
        ...(given('description') && { description: row.input.description ?? null }),
        ...(given('active') && row.input.active !== undefined && { active: row.input.active ? 1 : 0 }),
        updatedAt: at,
      });
      if (!changed) throw new Error(`product ${id} changed during the import batch`);
      updated++;
    }
    for (const p of plan.creates) {
      await repo.insert(trx, {
        id: newId(),
        sku: p.input.sku,
        name: p.input.name,
        unit: p.input.unit,
        category: p.input.category ?? null,
        description: p.input.description ?? null,
        active: p.input.active === false ? 0 : 1,
        ...freshRecord(ctx.actor.userId, at),
      });
    }
    return { created: plan.creates.length, updated, skipped: plan.skipped, problems };
  },
};
