import type { Locale } from '../../../shared/schemas/common.js';
import type { UserCreate, UserListQuery, UserUpdate } from '../../../shared/schemas/users.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import { parsePermissions, revokeAllForUser, revokeApiTokensForUser } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db-errors.js';
import { badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { assertTeamInScope, assertWithinActor } from '../../platform/grants.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { rolesService } from '../roles/roles.service.js';
import { teamsService } from '../teams/teams.service.js';
import { auditableUser, presentUser } from './users.presenter.js';
import { usersRepository as repo, USER_SORT_COLUMNS } from './users.repository.js';

const emailTaken = () => conflict('email_taken', 'A user with this e-mail already exists', { email: 'Already in use' });

/**
 * Checks the team and role a user would get: they must exist, the team must be inside the actor's
 * scope and the role must not exceed the actor's own permissions.
 */
async function checkRefs(ctx: Ctx, refs: { teamId?: string | null; roleId?: string }) {
  const fields: Record<string, string> = {};
  const team = refs.teamId ? await teamsService.findById(ctx.db, refs.teamId) : undefined;
  const role = refs.roleId ? await rolesService.findById(ctx.db, refs.roleId) : undefined;
  if (refs.teamId && !team) fields.teamId = 'No such team';
  if (refs.roleId && !role) fields.roleId = 'No such role';
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
  if (refs.teamId !== undefined) assertTeamInScope(ctx.actor, 'users', team ?? null, 'teamId');
  if (role) assertWithinActor(ctx.actor, parsePermissions(role.permissions), 'roleId');
}

/** Under the tree lock, so a team deleted meanwhile cannot receive a member. */
async function assertTeamStillThere(trx: Db, teamId: string) {
  await teamsService.lockTree(trx);
  if (!(await teamsService.exists(trx, teamId))) throw badRequest('validation_failed', 'Some fields are invalid', { teamId: 'No such team' });
}

/** Editing, resetting or deleting a user whose role outranks the actor is refused. */
async function assertNotOutranked(ctx: Ctx, target: UserRow) {
  const role = await rolesService.findById(ctx.db, target.roleId);
  if (role) assertWithinActor(ctx.actor, parsePermissions(role.permissions), 'roleId');
}

async function loadVisible(ctx: Ctx, id: string): Promise<UserRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('User');
  return row;
}

export const usersService = {
  async list(ctx: Ctx, q: UserListQuery) {
    assertCan(ctx.actor, 'users', 'read');
    const keys = parseSort(q.sort, USER_SORT_COLUMNS, 'users.id', 'name');
    const { rows, total } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: page.rows.map(presentUser), nextCursor: page.nextCursor, total };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'users', 'read');
    return presentUser(await loadVisible(ctx, id));
  },

  async create(ctx: Ctx, input: UserCreate) {
    assertCan(ctx.actor, 'users', 'create');
    await checkRefs(ctx, input);
    if (await repo.findByEmail(ctx.db, input.email)) throw emailTaken();
    const passwordHash = await hashPassword(input.password);
    const at = now();
    try {
      const row = await ctx.db.transaction().execute(async (trx) => {
        if (input.teamId) await assertTeamStillThere(trx, input.teamId);
        const created = await repo.insert(trx, {
          id: newId(),
          email: input.email,
          name: input.name,
          locale: input.locale,
          teamId: input.teamId,
          roleId: input.roleId,
          passwordHash,
          deactivatedAt: null,
          lastLoginAt: null,
          ...freshRecord(ctx.actor.userId, at),
        });
        await auditAs(trx, ctx.actor, 'create', 'users', created.id, { before: null, after: auditableUser(created) });
        return created;
      });
      return presentUser(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
  },

  async update(ctx: Ctx, id: string, input: UserUpdate) {
    assertCan(ctx.actor, 'users', 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    if (id === ctx.actor.userId) {
      // Your own access (role, team, status) is changed by someone else; your password via /auth/password.
      const field = (['active', 'roleId', 'teamId', 'password'] as const).find((f) => input[f] !== undefined && (f !== 'active' || input.active === false));
      if (field) throw badRequest('cannot_change_self', 'Ask another administrator to change your own access', { [field]: 'Ask another administrator' });
    }
    await assertNotOutranked(ctx, current);
    await checkRefs(ctx, {
      ...(input.teamId !== undefined && input.teamId !== current.teamId && { teamId: input.teamId }),
      ...(input.roleId !== current.roleId && { roleId: input.roleId }),
    });
    if (input.email && input.email !== current.email && (await repo.findByEmail(ctx.db, input.email))) throw emailTaken();
    const at = now();
    const changes = {
      ...(input.email !== undefined && { email: input.email }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.teamId !== undefined && { teamId: input.teamId }),
      ...(input.roleId !== undefined && { roleId: input.roleId }),
      ...(input.active !== undefined && { deactivatedAt: input.active ? null : (current.deactivatedAt ?? at) }),
      ...(input.password !== undefined && { passwordHash: await hashPassword(input.password) }),
      updatedAt: at,
    };
    try {
      const row = await ctx.db.transaction().execute(async (trx) => {
        if (input.teamId) await assertTeamStillThere(trx, input.teamId);
        const updated = await repo.update(trx, id, input.version, changes);
        if (!updated) throw versionConflict();
        if (input.active === false || input.password !== undefined) {
          await revokeAllForUser(trx, id);
          await revokeApiTokensForUser(trx, id);
        }
        await auditAs(trx, ctx.actor, 'update', 'users', id, {
          before: auditableUser(current),
          after: auditableUser(updated),
          ...(input.password !== undefined && { meta: { passwordReset: true } }),
        });
        return updated;
      });
      return presentUser(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'users', 'delete');
    const current = await loadVisible(ctx, id);
    if (id === ctx.actor.userId) throw badRequest('cannot_change_self', 'You cannot delete yourself');
    await assertNotOutranked(ctx, current);
    await setDeleted(
      ctx,
      'users',
      id,
      true,
      (trx, changes) => repo.update(trx, id, current.version, changes),
      async (trx) => {
        await revokeAllForUser(trx, id);
        await revokeApiTokensForUser(trx, id);
      },
    );
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'users', 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted user');
    if (await repo.findByEmail(ctx.db, current.email)) throw emailTaken();
    await setDeleted(ctx, 'users', id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!ctx.actor.permissions.users?.actions.includes('read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  /** Own-profile edits need no users permission: everyone may rename themselves and pick a language. */
  async updateOwnProfile(ctx: Ctx, input: { name?: string; locale?: Locale }) {
    const current = await repo.findById(ctx.db, ctx.actor.userId);
    if (!current) throw notFound('User');
    await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, current.id, current.version, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.locale !== undefined && { locale: input.locale }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', 'users', current.id, { before: auditableUser(current), after: auditableUser(updated) });
    });
  },

  /** The signed-in user with their role's permissions, for /api/auth/me. */
  async me(db: Db, userId: string) {
    const user = await repo.findById(db, userId);
    if (!user) throw notFound('User');
    const [role, team] = await Promise.all([rolesService.findById(db, user.roleId), user.teamId ? teamsService.findById(db, user.teamId) : undefined]);
    return {
      user: presentUser(user),
      permissions: role ? parsePermissions(role.permissions) : {},
      roleName: role?.name ?? '',
      teamName: team?.name ?? null,
    };
  },

  findLoginCandidate: (db: Db, email: string) => repo.findByEmail(db, email),
  findLoginCandidateById: (db: Db, id: string) => repo.findById(db, id),
  markLogin: (db: Db, id: string) => repo.setColumns(db, id, { lastLoginAt: now() }),
  setPasswordHash: (db: Db, id: string, passwordHash: string) => repo.setColumns(db, id, { passwordHash, updatedAt: now() }),

  namesOf: (ctx: { db: Ctx['db'] }, ids: string[]) => repo.namesOf(ctx.db, ids),
  countByRole: (ctx: { db: Ctx['db'] }, ids: string[]) => repo.countByRole(ctx.db, ids),
  countByTeam: (ctx: { db: Ctx['db'] }, ids: string[]) => repo.countByTeam(ctx.db, ids),
};
