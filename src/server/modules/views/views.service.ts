import type { ViewConfig, ViewCreate, ViewEntity, ViewUpdate } from '../../../shared/schemas/views.js';
import type { SavedViewRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { customFieldsService } from '../custom-fields/custom-fields.service.js';
import { assertValidConfig } from './viewConfig.js';
import { auditableView, presentView } from './views.presenter.js';
import { viewsRepository as repo, VIEWS_PER_LIST } from './views.repository.js';

/** Entity type of views in the audit log. */
export const VIEW_TYPE = 'saved_views';

/**
 * Everyone who reads a list may keep personal views of it. A shared view changes what the whole
 * workspace sees, so creating, changing or deleting one takes the `admin` action on the list's
 * module or on settings (workspace administration).
 */
export const mayManageShared = (ctx: Ctx, entity: ViewEntity) => can(ctx.actor, entity, 'admin') || can(ctx.actor, 'settings', 'admin');

const cannotShare = () => forbidden('Only administrators may create, change or delete shared views');

async function checkConfig(ctx: Ctx, entity: ViewEntity, config: ViewConfig) {
  const { fields } = await customFieldsService.catalog(ctx, entity);
  assertValidConfig(entity, config, fields);
}

async function assertRoom(ctx: Ctx, entity: ViewEntity, shared: boolean) {
  const n = await repo.count(ctx.db, entity, shared ? { shared: true } : { ownerId: ctx.actor.userId });
  if (n >= VIEWS_PER_LIST) throw badRequest('too_many_views', `A list keeps at most ${VIEWS_PER_LIST} views of each kind`, { name: 'Delete a view first' });
}

/** A view the actor may see (their own or shared) of a list they may read; 404 otherwise. */
async function loadVisible(ctx: Ctx, id: string): Promise<SavedViewRow> {
  const row = await repo.findVisible(ctx.db, id, ctx.actor.userId);
  if (!row || !can(ctx.actor, row.entity as ViewEntity, 'read')) throw notFound('View');
  return row;
}

export const viewsService = {
  async list(ctx: Ctx, entity: ViewEntity) {
    assertCan(ctx.actor, entity, 'read');
    return { items: (await repo.list(ctx.db, entity, ctx.actor.userId)).map(presentView) };
  },

  async get(ctx: Ctx, id: string) {
    return presentView(await loadVisible(ctx, id));
  },

  async create(ctx: Ctx, input: ViewCreate) {
    assertCan(ctx.actor, input.entity, 'read');
    if (input.shared && !mayManageShared(ctx, input.entity)) throw cannotShare();
    await checkConfig(ctx, input.entity, input.config);
    await assertRoom(ctx, input.entity, input.shared);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        entity: input.entity,
        name: input.name,
        shared: input.shared ? 1 : 0,
        ownerId: ctx.actor.userId,
        config: JSON.stringify(input.config),
        ...freshRecord(ctx.actor.userId),
      });
      await auditAs(trx, ctx.actor, 'create', VIEW_TYPE, created.id, { before: null, after: auditableView(created) });
      return created;
    });
    return presentView(row);
  },

  async update(ctx: Ctx, id: string, input: ViewUpdate) {
    const current = await loadVisible(ctx, id);
    const entity = current.entity as ViewEntity;
    if (current.version !== input.version) throw versionConflict();
    const wasShared = current.shared === 1;
    const shared = input.shared ?? wasShared;
    if ((wasShared || shared) && !mayManageShared(ctx, entity)) throw cannotShare();
    if (input.config) await checkConfig(ctx, entity, input.config);
    if (shared && !wasShared) await assertRoom(ctx, entity, true);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.config !== undefined && { config: JSON.stringify(input.config) }),
        shared: shared ? 1 : 0,
        // A shared view made personal becomes the personal view of whoever took it back, who can then still see it.
        ...(wasShared && !shared && { ownerId: ctx.actor.userId }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', VIEW_TYPE, id, { before: auditableView(current), after: auditableView(updated) });
      return updated;
    });
    return presentView(row);
  },

  /** Soft delete with an audit entry; views are not offered in the recycle bin (cheap to make again). */
  async remove(ctx: Ctx, id: string) {
    const current = await loadVisible(ctx, id);
    if (current.shared === 1 && !mayManageShared(ctx, current.entity as ViewEntity)) throw cannotShare();
    await setDeleted(ctx, VIEW_TYPE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },
};
