import type { Ctx } from '../../platform/context.js';
import type { EntityRegistry, EntityType } from '../../platform/entities.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { usersService } from '../users/users.service.js';

function entityFor(ctx: Ctx, entities: EntityRegistry, type: string): EntityType {
  const entity = entities.get(type);
  if (!entity) throw notFound('Record type');
  if (!entity.canRestore(ctx)) throw forbidden();
  return entity;
}

export const recycleBinService = {
  async types(ctx: Ctx, entities: EntityRegistry) {
    return {
      types: entities
        .all()
        .filter((e) => e.canRestore(ctx))
        .map((e) => e.type),
    };
  },

  async list(ctx: Ctx, entities: EntityRegistry, q: { type: string; limit: number; cursor?: string }) {
    const page = await entityFor(ctx, entities, q.type).listDeleted(ctx, q);
    const names = await usersService.namesOf(
      ctx,
      page.items.map((i) => i.deletedBy).filter((id): id is string => !!id),
    );
    return {
      items: page.items.map((i) => ({ type: q.type, ...i, deletedByName: i.deletedBy ? (names.get(i.deletedBy) ?? null) : null })),
      nextCursor: page.nextCursor,
    };
  },

  async restore(ctx: Ctx, entities: EntityRegistry, type: string, id: string) {
    await entityFor(ctx, entities, type).restore(ctx, id);
  },
};
