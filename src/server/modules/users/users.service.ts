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

async function checkRefs(ctx: Ctx, refs: { teamId?: string | null; roleId?: string }) {
  const fields: Record<string, string> = {};
  if (refs.teamId && !(await teamsService.exists(ctx.db, refs.teamId))) fields.teamId = 'No such team';
  if (refs.roleId && !(await rolesService.exists(ctx.db, refs.roleId))) fields.roleId = 'No such role';
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
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
    if (id === ctx.actor.userId && (input.active === false || (input.roleId && input.roleId !== current.roleId))) {
      throw badRequest('cannot_change_self', 'You cannot deactivate yourself or change your own role', {
        [input.active === false ? 'active' : 'roleId']: 'Ask another administrator',
      });
    }
    await checkRefs(ctx, input);
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
        const updated = await repo.update(trx, id, input.version, changes);
        if (!updated) throw versionConflict();
        if (input.active === false || input.password !== undefined) await revokeAllForUser(trx, id);
        if (input.active === false) await revokeApiTokensForUser(trx, id);
        await auditAs(trx, ctx.actor, 'update', 'users', id, { before: auditableUser(current), after: auditableUser(updated) });
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

  findLoginCandidate: (db: Db, email: string) => repo.findByEmail(db, email).then((u) => (u?.deletedAt ? undefined : u)),
  findLoginCandidateById: (db: Db, id: string) => repo.findById(db, id),
  markLogin: (db: Db, id: string) => repo.setColumns(db, id, { lastLoginAt: now() }),
  setPasswordHash: (db: Db, id: string, passwordHash: string) => repo.setColumns(db, id, { passwordHash, updatedAt: now() }),

  namesOf: (ctx: { db: Ctx['db'] }, ids: string[]) => repo.namesOf(ctx.db, ids),
  countByRole: (ctx: { db: Ctx['db'] }, ids: string[]) => repo.countByRole(ctx.db, ids),
  countByTeam: (ctx: { db: Ctx['db'] }, ids: string[]) => repo.countByTeam(ctx.db, ids),
};
