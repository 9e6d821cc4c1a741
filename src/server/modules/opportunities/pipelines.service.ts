import type { PipelineCreate, PipelineUpdate, StageInput } from '../../../shared/schemas/opportunities.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { auditableOpportunity, presentPipeline } from './opportunities.presenter.js';
import { opportunitiesRepository as opportunities } from './opportunities.repository.js';
import type { PipelineRow, PipelineStageRow } from './opportunities.tables.js';
import { pipelinesRepository as repo } from './pipelines.repository.js';

const MODULE = 'pipelines';

/** The board needs the pipelines to show; changing them is a settings task. */
function assertCanRead(ctx: Ctx) {
  if (!can(ctx.actor, 'opportunities', 'read') && !can(ctx.actor, 'settings', 'admin')) throw forbidden();
}

/** A pipeline must let a deal be worked, won and lost. */
function checkStages(stages: StageInput[]) {
  const fields: Record<string, string> = {};
  for (const kind of ['open', 'won', 'lost'] as const) {
    if (!stages.some((s) => s.kind === kind)) fields.stages = 'A pipeline needs at least one open, one won and one lost stage';
  }
  const ids = stages.map((s) => s.id).filter(Boolean);
  if (new Set(ids).size !== ids.length) fields.stages = 'List each stage once';
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
}

async function load(db: Db, id: string): Promise<PipelineRow> {
  const row = await repo.find(db, id);
  if (!row) throw notFound('Pipeline');
  return row;
}

async function present(db: Db, row: PipelineRow) {
  return presentPipeline(row, await repo.stagesOf(db, [row.id]));
}

const stageColumns = (s: StageInput, sortOrder: number) => ({
  name: s.name,
  nameZh: s.nameZh?.trim() || null,
  probability: s.probability,
  kind: s.kind,
  sortOrder,
});

/**
 * Deleting a stage that deals are in moves them to the stage named in `reassign` (kept, same kind,
 * so the deal's status does not change behind anyone's back); without one the edit is refused.
 * A kind change of a stage in use is refused for the same reason.
 */
async function planRemovals(db: Db, existing: PipelineStageRow[], stages: StageInput[], reassign: Record<string, string> = {}) {
  const kept = new Map(stages.filter((s) => s.id).map((s) => [s.id as string, s]));
  const removed = existing.filter((s) => !kept.has(s.id));
  const rekinded = existing.filter((s) => kept.has(s.id) && kept.get(s.id)?.kind !== s.kind);
  const usage = await repo.usage(
    db,
    [...removed, ...rekinded].map((s) => s.id),
  );
  const fields: Record<string, string> = {};
  for (const s of rekinded) if (usage.get(s.id)) fields[`stages.${s.id}`] = `${usage.get(s.id)} opportunities are in stage "${s.name}": its kind cannot change`;
  const moves: { from: PipelineStageRow; to: string }[] = [];
  for (const s of removed) {
    if (!usage.get(s.id)) continue;
    const target = reassign[s.id];
    const to = target ? kept.get(target) : undefined;
    if (!target) fields[`stages.${s.id}`] = `${usage.get(s.id)} opportunities are in stage "${s.name}": choose a stage to move them to`;
    else if (!to) fields[`reassign.${s.id}`] = 'Move them to a stage that stays in this pipeline';
    else if (to.kind !== s.kind) fields[`reassign.${s.id}`] = 'Move them to a stage of the same kind';
    else moves.push({ from: s, to: target });
  }
  if (Object.keys(fields).length > 0) throw conflict('stage_in_use', 'Opportunities are in a stage you are deleting or changing', fields);
  return { removed, moves };
}

export const pipelinesService = {
  async list(ctx: Ctx) {
    assertCanRead(ctx);
    const rows = await repo.list(ctx.db);
    const stages = await repo.stagesOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => presentPipeline(r, stages)) };
  },

  async get(ctx: Ctx, id: string) {
    assertCanRead(ctx);
    return present(ctx.db, await load(ctx.db, id));
  },

  async create(ctx: Ctx, input: PipelineCreate) {
    assertCan(ctx.actor, 'settings', 'admin');
    checkStages(input.stages);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const max = await repo.maxSortOrder(trx);
      const created = await repo.insert(trx, {
        id: newId(),
        name: input.name,
        nameZh: input.nameZh?.trim() || null,
        isDefault: input.isDefault ? 1 : 0,
        sortOrder: (max?.m ?? -1) + 1,
        ...freshRecord(ctx.actor.userId, at),
      });
      if (input.isDefault) await repo.clearDefault(trx, created.id);
      for (const [i, s] of input.stages.entries()) {
        await repo.insertStage(trx, { id: newId(), pipelineId: created.id, ...stageColumns(s, i), ...freshRecord(ctx.actor.userId, at) });
      }
      await auditAs(trx, ctx.actor, 'create', MODULE, created.id, {
        before: null,
        after: { name: created.name, nameZh: created.nameZh, stages: input.stages },
      });
      return created;
    });
    return present(ctx.db, row);
  },

  async update(ctx: Ctx, id: string, input: PipelineUpdate) {
    assertCan(ctx.actor, 'settings', 'admin');
    const current = await load(ctx.db, id);
    if (current.version !== input.version) throw versionConflict();
    const existing = await repo.stagesOf(ctx.db, [id]);
    if (input.isDefault === false && current.isDefault === 1) {
      throw badRequest('validation_failed', 'Some fields are invalid', { isDefault: 'Make another pipeline the default instead' });
    }
    let plan: Awaited<ReturnType<typeof planRemovals>> | undefined;
    if (input.stages) {
      checkStages(input.stages);
      const own = new Set(existing.map((s) => s.id));
      if (input.stages.some((s) => s.id && !own.has(s.id)))
        throw badRequest('validation_failed', 'Some fields are invalid', { stages: 'A stage id of another pipeline' });
      plan = await planRemovals(ctx.db, existing, input.stages, input.reassign);
    }
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.nameZh !== undefined && { nameZh: input.nameZh?.trim() || null }),
        ...(input.isDefault && { isDefault: 1 }),
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      if (input.isDefault) await repo.clearDefault(trx, id);
      if (input.stages && plan) {
        const newIds = new Map<StageInput, string>();
        for (const [i, s] of input.stages.entries()) {
          if (s.id) await repo.updateStage(trx, s.id, { ...stageColumns(s, i), updatedAt: at });
          else {
            const stageId = newId();
            newIds.set(s, stageId);
            await repo.insertStage(trx, { id: stageId, pipelineId: id, ...stageColumns(s, i), ...freshRecord(ctx.actor.userId, at) });
          }
        }
        const stages = new Map(input.stages.map((s) => [s.id ?? newIds.get(s), s]));
        for (const move of plan.moves) {
          const target = stages.get(move.to) as StageInput;
          for (const opp of await opportunities.inStage(trx, move.from.id)) {
            const moved = await opportunities.update(trx, opp.id, opp.version, {
              stageId: move.to,
              // An open deal takes the new stage's probability; a closed one keeps 100/0.
              ...(target.kind === 'open' && { probability: target.probability }),
              stageEnteredAt: at,
              updatedAt: at,
            });
            if (!moved) throw versionConflict();
            await opportunities.enterStage(trx, {
              id: newId(),
              opportunityId: opp.id,
              stageId: move.to,
              enteredAt: at,
              leftAt: null,
              movedBy: ctx.actor.userId,
            });
            await auditAs(trx, ctx.actor, 'update', 'opportunities', opp.id, {
              before: auditableOpportunity(opp),
              after: auditableOpportunity(moved),
              meta: { stageDeleted: move.from.id },
            });
          }
        }
        for (const s of plan.removed) await repo.updateStage(trx, s.id, { deletedAt: at, deletedBy: ctx.actor.userId, updatedAt: at });
      }
      await auditAs(trx, ctx.actor, 'update', MODULE, id, {
        before: {
          name: current.name,
          nameZh: current.nameZh,
          isDefault: current.isDefault === 1,
          stages: existing.map((s) => stageColumns(s as StageInput, s.sortOrder)),
        },
        after: {
          name: updated.name,
          nameZh: updated.nameZh,
          isDefault: input.isDefault ?? current.isDefault === 1,
          ...(input.stages && { stages: input.stages }),
        },
        ...(input.reassign && { meta: { reassign: input.reassign } }),
      });
      return updated;
    });
    return present(ctx.db, row);
  },

  /** Only an empty, non-default pipeline can go (deals and history would lose their stages). */
  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'settings', 'admin');
    const current = await load(ctx.db, id);
    if (current.isDefault === 1) throw conflict('default_pipeline', 'Make another pipeline the default before deleting this one');
    if (await repo.pipelineInUse(ctx.db, id)) throw conflict('pipeline_in_use', 'Opportunities are in this pipeline; move or delete them first');
    const at = now();
    await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, current.version, { deletedAt: at, deletedBy: ctx.actor.userId, updatedAt: at });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'delete', MODULE, id);
    });
  },
};
