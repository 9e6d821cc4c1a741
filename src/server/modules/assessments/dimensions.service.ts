import {
  type AssessmentScale,
  AssessmentScaleSchema,
  type DimensionCreate,
  type DimensionListQuery,
  type DimensionUpdate,
} from '../../../shared/schemas/assessments.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { conflict, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { settingsStore } from '../../platform/settings.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { auditableDimension, presentDimension } from './assessments.presenter.js';
import { dimensionsRepository as repo } from './assessments.repository.js';

const TYPE = 'assessment_dimensions';
const SCALE_KEY = 'assessments.scale';

/** Dimensions and the scale are workspace configuration: settings admins or key-account admins shape them. */
export const canAdministerDimensions = (actor: Actor) => can(actor, 'settings', 'admin') || can(actor, 'key_accounts', 'admin');

function assertAdmin(actor: Actor) {
  if (!canAdministerDimensions(actor)) throw forbidden();
}

/** Anyone who scores accounts (or reads settings) needs the dimensions and the scale. */
function assertRead(actor: Actor) {
  if (!can(actor, 'key_accounts', 'read') && !can(actor, 'settings', 'read')) throw forbidden();
}

async function load(db: Db, id: string) {
  const row = await repo.find(db, id);
  if (!row) throw notFound('Assessment dimension');
  return row;
}

export const dimensionsService = {
  async list(ctx: Ctx, q: DimensionListQuery) {
    assertRead(ctx.actor);
    const [rows, scale] = await Promise.all([repo.list(ctx.db, { active: q.active }), this.scale(ctx.db)]);
    return { items: rows.map(presentDimension), scale };
  },

  async get(ctx: Ctx, id: string) {
    assertRead(ctx.actor);
    return presentDimension(await load(ctx.db, id));
  },

  async create(ctx: Ctx, input: DimensionCreate) {
    assertAdmin(ctx.actor);
    if (await repo.keyTaken(ctx.db, input.key)) throw conflict('dimension_key_taken', 'Another dimension has this key', { key: 'Already in use' });
    const existing = await repo.list(ctx.db);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        key: input.key,
        nameEn: input.nameEn,
        nameZh: input.nameZh,
        descriptionEn: input.descriptionEn || null,
        descriptionZh: input.descriptionZh || null,
        // A new dimension goes last unless placed.
        sortOrder: input.sortOrder ?? Math.max(0, ...existing.map((d) => d.sortOrder)) + 10,
        active: input.active === false ? 0 : 1,
        ...freshRecord(ctx.actor.userId, at),
      });
      await auditAs(trx, ctx.actor, 'create', TYPE, created.id, { before: null, after: auditableDimension(created) });
      return created;
    });
    return presentDimension(row);
  },

  async update(ctx: Ctx, id: string, input: DimensionUpdate) {
    assertAdmin(ctx.actor);
    const current = await load(ctx.db, id);
    if (current.version !== input.version) throw versionConflict();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.nameEn !== undefined && { nameEn: input.nameEn }),
        ...(input.nameZh !== undefined && { nameZh: input.nameZh }),
        ...(input.descriptionEn !== undefined && { descriptionEn: input.descriptionEn || null }),
        ...(input.descriptionZh !== undefined && { descriptionZh: input.descriptionZh || null }),
        ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', TYPE, id, { before: auditableDimension(current), after: auditableDimension(updated) });
      return updated;
    });
    return presentDimension(row);
  },

  /** To the recycle bin; assessments that scored it keep their scores and its name. */
  async remove(ctx: Ctx, id: string) {
    assertAdmin(ctx.actor);
    const current = await load(ctx.db, id);
    await setDeleted(ctx, TYPE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertAdmin(ctx.actor);
    const current = (await repo.byIds(ctx.db, [id]))[0];
    if (!current?.deletedAt) throw notFound('Deleted assessment dimension');
    await setDeleted(ctx, TYPE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    return canAdministerDimensions(ctx.actor) && (await repo.byIds(ctx.db, [id])).length === 1;
  },

  scale: (db: Db): Promise<AssessmentScale> => settingsStore.get(db, SCALE_KEY, AssessmentScaleSchema),

  async getScale(ctx: Ctx) {
    assertRead(ctx.actor);
    return this.scale(ctx.db);
  },

  /** Old assessments keep the top they were scored against, so changing it never rescales history. */
  async setScale(ctx: Ctx, input: AssessmentScale) {
    assertAdmin(ctx.actor);
    return ctx.db.transaction().execute((trx) => settingsStore.set(trx, ctx.actor, SCALE_KEY, AssessmentScaleSchema, input));
  },
};
