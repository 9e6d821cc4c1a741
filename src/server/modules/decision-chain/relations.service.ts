import type { RelationCreate, RelationUpdate } from '../../../shared/schemas/decision-chain.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { freshRecord } from '../../platform/record.js';
import { auditableRelation, presentRelation } from './decision-chain.presenter.js';
import { decisionChainRepository as repo } from './decision-chain.repository.js';
import { loadAccount } from './decision-chain.service.js';

const ENTITY = 'account_relations';

/** The organization-level layer (组织客户关系): strategic agreements, executive visits, joint events. */
export const relationsService = {
  async list(ctx: Ctx, organizationId: string) {
    await loadAccount(ctx, organizationId);
    return { items: (await repo.relations(ctx.db, organizationId)).map(presentRelation) };
  },

  async create(ctx: Ctx, organizationId: string, input: RelationCreate) {
    await loadAccount(ctx, organizationId, 'create');
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insertRelation(trx, {
        id: newId(),
        organizationId,
        kind: input.kind,
        title: input.title,
        happenedOn: input.happenedOn ?? null,
        ourPeople: input.ourPeople || null,
        theirPeople: input.theirPeople || null,
        notes: input.notes || null,
        ...freshRecord(ctx.actor.userId),
      });
      await auditAs(trx, ctx.actor, 'create', ENTITY, created.id, { after: auditableRelation(created), meta: { organizationId } });
      return created;
    });
    return presentRelation(row);
  },

  async update(ctx: Ctx, organizationId: string, id: string, input: RelationUpdate) {
    await loadAccount(ctx, organizationId, 'update');
    const current = await repo.relation(ctx.db, organizationId, id);
    if (!current) throw notFound('Relation');
    if (current.version !== input.version) throw versionConflict();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.updateRelation(trx, id, input.version, {
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.title !== undefined && { title: input.title }),
        ...(input.happenedOn !== undefined && { happenedOn: input.happenedOn }),
        ...(input.ourPeople !== undefined && { ourPeople: input.ourPeople || null }),
        ...(input.theirPeople !== undefined && { theirPeople: input.theirPeople || null }),
        ...(input.notes !== undefined && { notes: input.notes || null }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', ENTITY, id, { before: auditableRelation(current), after: auditableRelation(updated), meta: { organizationId } });
      return updated;
    });
    return presentRelation(row);
  },

  async remove(ctx: Ctx, organizationId: string, id: string) {
    await loadAccount(ctx, organizationId, 'delete');
    const current = await repo.relation(ctx.db, organizationId, id);
    if (!current) throw notFound('Relation');
    await ctx.db.transaction().execute(async (trx) => {
      const at = now();
      const updated = await repo.updateRelation(trx, id, current.version, { deletedAt: at, deletedBy: ctx.actor.userId, updatedAt: at });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'delete', ENTITY, id, { before: auditableRelation(current), after: null, meta: { organizationId } });
    });
  },
};
