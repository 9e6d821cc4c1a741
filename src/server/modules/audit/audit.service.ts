import type { AuditEntry, AuditListQuery } from '../../../shared/schemas/audit.js';
import type { AuditRow } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { EntityRegistry } from '../../platform/entities.js';
import { notFound } from '../../platform/errors.js';
import { assertCan } from '../../platform/permissions.js';
import { usersService } from '../users/users.service.js';
import { auditRepository as repo } from './audit.repository.js';

async function present(ctx: Ctx, rows: AuditRow[]): Promise<AuditEntry[]> {
  const names = await usersService.namesOf(
    ctx,
    rows.map((r) => r.actorId).filter((id): id is string => !!id),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    changes: r.changes ? JSON.parse(r.changes) : null,
    meta: r.meta ? JSON.parse(r.meta) : null,
    ip: r.ip,
  }));
}

export const auditService = {
  async list(ctx: Ctx, q: AuditListQuery) {
    assertCan(ctx.actor, 'audit', 'read');
    const { limit, cursor, total, ...filters } = q;
    const page = await repo.list(ctx.db, ctx.actor, filters, { limit, cursor });
    return { items: await present(ctx, page.rows), nextCursor: page.nextCursor };
  },

  /** The history of one record, for anyone who may see that record. */
  async history(ctx: Ctx, entities: EntityRegistry, type: string, id: string, page: { limit: number; cursor?: string }) {
    const entity = entities.get(type);
    if (!entity || !(await entity.canSee(ctx, id))) throw notFound();
    const result = await repo.list(ctx.db, null, { entityType: type, entityId: id }, page);
    return { items: await present(ctx, result.rows), nextCursor: result.nextCursor };
  },
};
