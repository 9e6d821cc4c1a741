import type { AuditEntry, AuditListQuery } from '../../../shared/schemas/audit.js';
import type { AuditRow } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { EntityRegistry } from '../../platform/entities.js';
import { notFound } from '../../platform/errors.js';
import { assertCan } from '../../platform/permissions.js';
import { teamsService } from '../teams/teams.service.js';
import { usersService } from '../users/users.service.js';
import { auditRepository as repo } from './audit.repository.js';

type Changes = Record<string, { before: unknown; after: unknown }>;

const USER_FIELDS = new Set(['ownerId', 'assigneeId', 'userId', 'createdBy', 'deletedBy']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The user and team ids an entry's changes refer to. Whoever may read the entry may read the record
 * it changed, and the record names these (its owner, its team, a person field), so their names go
 * along: a rep whose scope lists only her own team still reads "上海一组" rather than an id after a
 * claim moved the record across teams. Names only; the ids were in the entry already.
 */
function referencedIds(entityType: string, changes: Changes | null) {
  const users = new Set<string>();
  const teams = new Set<string>();
  for (const [field, { before, after }] of Object.entries(changes ?? {})) {
    const into =
      USER_FIELDS.has(field) || field.startsWith('custom.') ? users : field === 'teamId' || (entityType === 'teams' && field === 'parentId') ? teams : null;
    if (!into) continue;
    for (const v of [before, after]) if (typeof v === 'string' && UUID.test(v)) into.add(v);
  }
  return { users, teams };
}

async function present(ctx: Ctx, rows: AuditRow[]): Promise<AuditEntry[]> {
  const parsed = rows.map((r) => {
    const changes: Changes | null = r.changes ? JSON.parse(r.changes) : null;
    return { row: r, changes, refs: referencedIds(r.entityType, changes) };
  });
  const [userNames, teamNames] = await Promise.all([
    usersService.namesOf(ctx, [...rows.map((r) => r.actorId).filter((id): id is string => !!id), ...parsed.flatMap((p) => [...p.refs.users])]),
    teamsService.namesOf(
      ctx,
      parsed.flatMap((p) => [...p.refs.teams]),
    ),
  ]);
  return parsed.map(({ row: r, changes, refs }) => {
    const names: Record<string, string> = {};
    for (const id of refs.users) {
      const name = userNames.get(id);
      if (name !== undefined) names[id] = name;
    }
    for (const id of refs.teams) {
      const name = teamNames.get(id);
      if (name !== undefined) names[id] = name;
    }
    return {
      id: r.id,
      at: r.at,
      actorId: r.actorId,
      actorName: r.actorId ? (userNames.get(r.actorId) ?? null) : null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      changes,
      meta: r.meta ? JSON.parse(r.meta) : null,
      ip: r.ip,
      ...(Object.keys(names).length > 0 ? { names } : {}),
    };
  });
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
    return this.historyOfVisible(ctx, type, id, page);
  },

  /** The history of a record the caller has already found visible (the timeline checks once, not per source). */
  async historyOfVisible(ctx: Ctx, type: string, id: string, page: { limit: number; cursor?: string }) {
    const result = await repo.list(ctx.db, null, { entityType: type, entityId: id }, page);
    return { items: await present(ctx, result.rows), nextCursor: result.nextCursor };
  },
};
