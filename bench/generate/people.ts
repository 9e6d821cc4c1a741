import { loadConfig } from '../../src/server/config.js';
import type { Db } from '../../src/server/db/connection.js';
import { rolesService } from '../../src/server/modules/roles/roles.service.js';
import { hashPassword } from '../../src/server/platform/auth/password.js';
import { loadIdentity, parsePermissions } from '../../src/server/platform/auth/sessions.js';
import type { Ctx } from '../../src/server/platform/context.js';
import { BUILTIN_ROLE_KEYS, BUILTIN_ROLES, type BuiltinRoleKey, type Permissions } from '../../src/shared/schemas/permissions.js';
import { generate, insert } from '../data.js';
import { END, idAt, iso, type Seeded, START } from './random.js';

/** Who the benchmark signs in as; found again by e-mail, so the data set needs no side file. */
export const BENCH_REP_EMAIL = 'bench.rep@example.cn';
export const BENCH_ADMIN_EMAIL = 'bench.admin@example.cn';
export const BENCH_PASSWORD = 'bench-password';

export interface Owner {
  id: string;
  teamId: string | null;
}

export interface People {
  /** Active users who own customers: sales reps and managers with a team, busiest first. */
  owners: Owner[];
  /** Leaf teams, for records in the shared pool (no owner, the pool's team). */
  poolTeams: string[];
  rep: Owner;
  admin: Ctx;
}

/**
 * The built-in sales rep sees only their own customers; many companies let reps see their team's, so
 * the list benchmark's actor has this role: the sales rep's rights with team scope on customers and
 * tracking, as an admin would set it up on the roles page.
 */
function teamScopedRep(): Permissions {
  const base = BUILTIN_ROLES.sales_rep.permissions;
  return Object.fromEntries(
    Object.entries(base).map(([module, p]) => [module, p && p.scope === 'own' && module !== 'teams' ? { ...p, scope: 'team' } : p]),
  ) as Permissions;
}

/** Teams and users (bench/data.ts, Zipf-sized teams, every built-in role), plus the benchmark's own rep and admin. */
export async function seedPeople(db: Db, r: Seeded, userCount: number): Promise<People> {
  await rolesService.ensureBuiltinRoles(db);
  const roleIds = {} as Record<BuiltinRoleKey, string>;
  for (const key of BUILTIN_ROLE_KEYS) roleIds[key] = (await rolesService.builtinId(db, key)) as string;
  const hash = await hashPassword(BENCH_PASSWORD);
  const data = generate(userCount, roleIds, hash);

  const at = iso(START);
  const audited = { createdAt: at, updatedAt: at, createdBy: null, version: 1, deletedAt: null, deletedBy: null };
  const repRoleId = idAt(r.next, START + 1);
  await db
    .insertInto('roles')
    .values({
      id: repRoleId,
      name: '销售代表（团队）Sales rep (team)',
      description: 'Sales rep who sees the whole team',
      builtinKey: null,
      permissions: JSON.stringify(teamScopedRep()),
      ...audited,
    })
    .execute();
  // The biggest leaf team (Zipf rank 1) sits in region 1.
  const busiestLeaf = data.teams.find((t) => t.parentId !== null) as { id: string };
  const rep = { id: idAt(r.next, START + 2), teamId: busiestLeaf.id };
  const adminId = idAt(r.next, START + 3);
  data.users.push(
    {
      id: rep.id,
      email: BENCH_REP_EMAIL,
      name: '张销售',
      locale: 'zh-CN',
      teamId: rep.teamId,
      roleId: repRoleId,
      passwordHash: hash,
      deactivatedAt: null,
      lastLoginAt: null,
      ...audited,
    },
    {
      id: adminId,
      email: BENCH_ADMIN_EMAIL,
      name: 'Bench Admin',
      locale: 'en',
      teamId: null,
      roleId: roleIds.admin,
      passwordHash: hash,
      deactivatedAt: null,
      lastLoginAt: null,
      ...audited,
    },
  );
  await insert(db, data);

  const sellers = new Set([roleIds.sales_rep, roleIds.sales_manager, repRoleId]);
  const owners = data.users
    .filter((u) => sellers.has(u.roleId) && u.teamId && !u.deactivatedAt && !u.deletedAt)
    .map((u) => ({ id: u.id as string, teamId: u.teamId ?? null }));
  const who = await loadIdentity(db, adminId);
  if (!who) throw new Error('bench admin missing');
  const admin: Ctx = {
    db,
    config: loadConfig({}),
    actor: { userId: adminId, teamId: null, teamPath: null, permissions: parsePermissions(who.permissions), ip: null },
  };
  return { owners, poolTeams: data.teams.filter((t) => t.parentId !== null).map((t) => t.id), rep, admin };
}

export const WINDOW = { START, END };
