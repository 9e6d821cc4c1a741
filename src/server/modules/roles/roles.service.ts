import { BUILTIN_ROLES, type BuiltinRoleKey, MODULES, type Permissions } from '../../../shared/schemas/permissions.js';
import type { Role, RoleCreate, RoleListQuery, RoleUpdate } from '../../../shared/schemas/roles.js';
import type { Db } from '../../db/connection.js';
import type { RoleRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import { parsePermissions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, notFound, versionConflict } from '../../platform/errors.js';
import { assertWithinActor } from '../../platform/grants.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { usersService } from '../users/users.service.js';
import { ROLE_SORT_COLUMNS, rolesRepository as repo } from './roles.repository.js';

/**
 * Every known module gets an entry, empty when the role has no rights there, so a module an admin
 * switched off is not mistaken for a new module whose defaults the built-in roles still lack.
 */
function complete(permissions: Permissions): Permissions {
  return Object.fromEntries(MODULES.map((m) => [m, permissions[m] ?? { actions: [], scope: 'own' }]));
}

function present(row: RoleRow, userCount: number): Role {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtinKey: row.builtinKey,
    permissions: parsePermissions(row.permissions),
    userCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

const auditable = (row: RoleRow) => ({ name: row.name, description: row.description, permissions: parsePermissions(row.permissions) });

async function presentAll(ctx: Ctx, rows: RoleRow[]): Promise<Role[]> {
  const counts = await usersService.countByRole(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, counts.get(r.id) ?? 0));
}

async function load(ctx: Ctx, id: string): Promise<RoleRow> {
  const row = await repo.find(ctx.db, id);
  if (!row) throw notFound('Role');
  return row;
}

export const rolesService = {
  async list(ctx: Ctx, q: RoleListQuery) {
    assertCan(ctx.actor, 'roles', 'read');
    const keys = parseSort(q.sort, ROLE_SORT_COLUMNS, 'roles.id', 'name');
    const { rows, total } = await repo.list(ctx.db, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: await presentAll(ctx, page.rows), nextCursor: page.nextCursor, total };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'roles', 'read');
    return (await presentAll(ctx, [await load(ctx, id)]))[0];
  },

  async create(ctx: Ctx, input: RoleCreate) {
    assertCan(ctx.actor, 'roles', 'create');
    assertWithinActor(ctx.actor, input.permissions, 'permissions');
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        name: input.name,
        description: input.description,
        builtinKey: null,
        permissions: JSON.stringify(complete(input.permissions)),
        ...freshRecord(ctx.actor.userId, at),
      });
      await auditAs(trx, ctx.actor, 'create', 'roles', created.id, { before: null, after: auditable(created) });
      return created;
    });
    return present(row, 0);
  },

  async update(ctx: Ctx, id: string, input: RoleUpdate) {
    assertCan(ctx.actor, 'roles', 'update');
    const current = await load(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    // Both the role as it is and as it would be: nobody edits a role that outranks them.
    assertWithinActor(ctx.actor, parsePermissions(current.permissions), 'permissions');
    if (input.permissions) assertWithinActor(ctx.actor, input.permissions, 'permissions');
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.permissions !== undefined && { permissions: JSON.stringify(complete(input.permissions)) }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', 'roles', id, { before: auditable(current), after: auditable(updated) });
      return updated;
    });
    return (await presentAll(ctx, [row]))[0];
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'roles', 'delete');
    const current = await load(ctx, id);
    if (current.builtinKey) throw conflict('role_builtin', 'Built-in roles cannot be deleted');
    if (((await usersService.countByRole(ctx, [id])).get(id) ?? 0) > 0) {
      throw conflict('role_in_use', 'Give the users of this role another role first');
    }
    await setDeleted(ctx, 'roles', id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, 'roles', 'delete');
    const current = await repo.find(ctx.db, id, { deleted: true });
    if (!current) throw notFound('Deleted role');
    await setDeleted(ctx, 'roles', id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!ctx.actor.permissions.roles?.actions.includes('read')) return false;
    return !!((await repo.find(ctx.db, id)) ?? (await repo.find(ctx.db, id, { deleted: true })));
  },

  exists: async (db: Db, id: string) => !!(await repo.find(db, id)),
  findById: (db: Db, id: string) => repo.find(db, id),

  builtinId: async (db: Db, key: BuiltinRoleKey) => (await repo.findBuiltin(db, key))?.id,

  /**
   * Creates missing built-in roles and gives existing ones the defaults of modules they lack, so a
   * new module becomes usable on upgrade without overriding what an admin changed.
   */
  async ensureBuiltinRoles(db: Db, locale: 'en' | 'zh-CN' = 'en'): Promise<void> {
    for (const [key, def] of Object.entries(BUILTIN_ROLES) as [BuiltinRoleKey, (typeof BUILTIN_ROLES)[BuiltinRoleKey]][]) {
      const existing = await repo.findBuiltin(db, key);
      const at = now();
      if (!existing) {
        await repo.insert(db, {
          id: newId(),
          name: def.name[locale],
          description: null,
          builtinKey: key,
          permissions: JSON.stringify(def.permissions),
          ...freshRecord(null, at),
        });
        continue;
      }
      const current = parsePermissions(existing.permissions);
      const missing = Object.entries(def.permissions).filter(([m]) => !(m in current));
      if (missing.length === 0) continue;
      const merged: Permissions = { ...current, ...Object.fromEntries(missing) };
      await repo.update(db, existing.id, existing.version, { permissions: JSON.stringify(merged), updatedAt: at });
    }
  },
};
