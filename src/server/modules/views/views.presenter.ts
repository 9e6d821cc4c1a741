import type { View, ViewConfig } from '../../../shared/schemas/views.js';
import type { SavedViewRow } from '../../db/schema.js';

export function presentView(row: SavedViewRow): View {
  return {
    id: row.id,
    entity: row.entity as View['entity'],
    name: row.name,
    shared: row.shared === 1,
    ownerId: row.ownerId,
    config: JSON.parse(row.config) as ViewConfig,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** What the audit log records of a view. */
export function auditableView(row: SavedViewRow): Record<string, unknown> {
  const { createdAt, updatedAt, version, ...rest } = presentView(row);
  return rest;
}
