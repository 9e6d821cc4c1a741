import type { Team, TeamCreate, TeamListQuery, TeamUpdate } from '../../../shared/schemas/teams.js';
import type { Db } from '../../db/connection.js';
import type { TeamRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { assertTeamInScope } from '../../platform/grants.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { usersService } from '../users/users.service.js';
import { teamsRepository as repo, TEAM_SORT_COLUMNS } from './teams.repository.js';

const depthOf = (path: string) => path.split('/').filter(Boolean).length - 1;

function present(row: TeamRow, memberCount: number): Team {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parentId,
    depth: depthOf(row.path),
    memberCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

const auditable = ({ id, name, parentId }: TeamRow) => ({ id, name, parentId });

async function presentAll(ctx: Ctx, rows: TeamRow[]): Promise<Team[]> {
  const counts = await usersService.countByTeam(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, counts.get(r.id) ?? 0));
}

async function loadVisible(ctx: Ctx, id: string): Promise<TeamRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Team');
  return row;
}

/** The new parent: it must exist and lie inside the actor's teams scope (top level needs 'all'). */
async function parentOf(ctx: Ctx, parentId: string | null, db: Db = ctx.db): Promise<TeamRow | null> {
  const parent = parentId ? await repo.findById(db, parentId) : null;
  if (parentId && !parent) throw badRequest('validation_failed', 'Some fields are invalid', { parentId: 'No such team' });
  assertTeamInScope(ctx.actor, 'teams', parent ?? null, 'parentId');
  return parent ?? null;
}

export const teamsService = {
  async list(ctx: Ctx, q: TeamListQuery) {
    assertCan(ctx.actor, 'teams', 'read');
    const keys = parseSort(q.sort, TEAM_SORT_COLUMNS, 'teams.id', 'name');
    const { rows, total } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: await presentAll(ctx, page.rows), nextCursor: page.nextCursor, total };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'teams', 'read');
    return (await presentAll(ctx, [await loadVisible(ctx, id)]))[0];
  },

  async create(ctx: Ctx, input: TeamCreate) {
    assertCan(ctx.actor, 'teams', 'create');
    const parent = await parentOf(ctx, input.parentId);
    const id = newId();
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id,
        name: input.name,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        ...freshRecord(ctx.actor.userId, at),
      });
      await auditAs(trx, ctx.actor, 'create', 'teams', id, { before: null, after: auditable(created) });
      return created;
    });
    return present(row, 0);
  },

  async update(ctx: Ctx, id: string, input: TeamUpdate) {
    assertCan(ctx.actor, 'teams', 'update');
    const visible = await loadVisible(ctx, id);
    if (visible.version !== input.version) throw versionConflict();
    const row = await ctx.db.transaction().execute(async (trx) => {
      await repo.lockTree(trx);
      // Paths are re-read under the lock: a concurrent move may have changed them.
      const current = await repo.findById(trx, id);
      if (!current) throw notFound('Team');
      const moving = input.parentId !== undefined && input.parentId !== current.parentId;
      const parent = moving ? await parentOf(ctx, input.parentId ?? null, trx) : undefined;
      if (parent?.path.startsWith(current.path)) {
        throw badRequest('team_cycle', 'A team cannot move under itself or its own sub-team', { parentId: 'Choose a team outside this branch' });
      }
      const newPath = moving ? `${parent?.path ?? '/'}${id}/` : current.path;
      const updated = await repo.update(trx, id, input.version, {
        ...(input.name !== undefined && { name: input.name }),
        ...(moving && { parentId: parent?.id ?? null, path: newPath }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      if (moving) await repo.rewritePaths(trx, current.path, newPath);
      await auditAs(trx, ctx.actor, 'update', 'teams', id, { before: auditable(current), after: auditable(updated) });
      return updated;
    });
    return (await presentAll(ctx, [row]))[0];
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'teams', 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, 'teams', id, true, async (trx, changes) => {
      // Checked under the tree lock so no member or sub-team can arrive between check and delete.
      await repo.lockTree(trx);
      const members = (await usersService.countByTeam({ db: trx }, [id])).get(id) ?? 0;
      if (members > 0 || (await repo.hasChildren(trx, id))) {
        throw conflict('team_not_empty', 'Move the members and sub-teams out of this team first');
      }
      return repo.update(trx, id, current.version, changes);
    });
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'teams', 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted team');
    if (current.parentId && !(await repo.findById(ctx.db, current.parentId))) {
      throw conflict('parent_deleted', 'Restore the parent team first');
    }
    await setDeleted(ctx, 'teams', id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!ctx.actor.permissions.teams?.actions.includes('read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  exists: async (db: Db, id: string) => !!(await repo.findById(db, id)),
  lockTree: (trx: Db) => repo.lockTree(trx),
  findById: (db: Db, id: string) => repo.findById(db, id),
  namesOf: (ctx: { db: Db }, ids: string[]) => repo.namesOf(ctx.db, ids),
};
