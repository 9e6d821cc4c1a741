import type { Product } from '../../../shared/schemas/products.js';
import type { ProductRow } from '../quotes/quotes.tables.js';

export function presentProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    category: row.category,
    description: row.description,
    active: row.active === 1,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** What the audit log records of a product. */
export function auditableProduct(row: ProductRow): Record<string, unknown> {
  const { createdAt, updatedAt, version, ...rest } = presentProduct(row);
  return rest;
}
