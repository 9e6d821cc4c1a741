import { randomBytes } from 'node:crypto';
import type { BuiltinRoleKey } from '../../shared/schemas/permissions.js';
import type { Db } from '../db/connection.js';
import { rolesService } from '../modules/roles/roles.service.js';
import { audit } from '../platform/audit.js';
import { hashPassword } from '../platform/auth/password.js';
import { revokeAllForUser, revokeApiTokensForUser } from '../platform/auth/sessions.js';
import { newId, now } from '../platform/ids.js';
import { freshRecord } from '../platform/record.js';
import { seedDemoCustomers } from './demo-customers.js';

export const DEMO_ADMIN_EMAIL = 'admin@guanxi.local';

/** Departments as a Chinese B2B company would have them; names carry both languages. */
const TEAMS: { key: string; name: string; parent?: string }[] = [
  { key: 'hq', name: '总部 Headquarters' },
  { key: 'sales', name: '销售中心 Sales', parent: 'hq' },
  { key: 'east', name: '华东大区 East China', parent: 'sales' },
  { key: 'shanghai', name: '上海一组 Shanghai Team 1', parent: 'east' },
  { key: 'south', name: '华南大区 South China', parent: 'sales' },
  { key: 'ka', name: '大客户部 Key Accounts', parent: 'sales' },
  { key: 'marketing', name: '市场部 Marketing', parent: 'hq' },
  { key: 'service', name: '客户服务部 Customer Service', parent: 'hq' },
];

const USERS: { name: string; email: string; team: string; role: BuiltinRoleKey; locale: 'en' | 'zh-CN' }[] = [
  { name: '王伟', email: 'wang.wei@guanxi.local', team: 'east', role: 'sales_manager', locale: 'zh-CN' },
  { name: '李娜', email: 'li.na@guanxi.local', team: 'shanghai', role: 'sales_rep', locale: 'zh-CN' },
  { name: '张敏', email: 'zhang.min@guanxi.local', team: 'south', role: 'sales_rep', locale: 'zh-CN' },
  { name: '陈静 Emily Chen', email: 'emily.chen@guanxi.local', team: 'ka', role: 'sales_manager', locale: 'en' },
  { name: 'David Miller', email: 'david.miller@guanxi.local', team: 'marketing', role: 'marketing', locale: 'en' },
  { name: '刘洋', email: 'liu.yang@guanxi.local', team: 'service', role: 'service_agent', locale: 'zh-CN' },
  { name: 'Sarah Johnson', email: 'sarah.johnson@guanxi.local', team: 'hq', role: 'read_only', locale: 'en' },
];

interface NewUser {
  email: string;
  name: string;
  locale: 'en' | 'zh-CN';
  teamId: string | null;
  roleId: string;
  passwordHash: string;
}

async function insertUser(db: Db, user: NewUser): Promise<string> {
  const id = newId();
  await db
    .insertInto('users')
    .values({ id, ...user, deactivatedAt: null, lastLoginAt: null, ...freshRecord(null) })
    .execute();
  return id;
}

export interface AdminInput {
  email: string;
  password: string;
  name: string;
  locale?: 'en' | 'zh-CN';
  teamId?: string | null;
}

/** Creates an administrator, or resets the password and role of an existing account with that e-mail. */
export async function createAdmin(db: Db, input: AdminInput): Promise<{ id: string; created: boolean }> {
  await rolesService.ensureBuiltinRoles(db);
  const adminRole = await rolesService.builtinId(db, 'admin');
  if (!adminRole) throw new Error('The Administrator role is missing');
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const at = now();
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select(['id', 'version']).where('email', '=', email).where('deletedAt', 'is', null).executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('users')
        .set({ passwordHash, roleId: adminRole, deactivatedAt: null, updatedAt: at, version: existing.version + 1 })
        .where('id', '=', existing.id)
        .execute();
      // A reset password must end every way in that used the old one.
      await revokeAllForUser(trx, existing.id);
      await revokeApiTokensForUser(trx, existing.id);
      await audit(trx, {
        actorId: null,
        ip: null,
        action: 'update',
        entityType: 'users',
        entityId: existing.id,
        meta: { via: 'cli create-admin', passwordReset: true },
      });
      return { id: existing.id, created: false };
    }
    const id = await insertUser(trx, { email, name: input.name, locale: input.locale ?? 'en', teamId: input.teamId ?? null, roleId: adminRole, passwordHash });
    await audit(trx, { actorId: null, ip: null, action: 'create', entityType: 'users', entityId: id, meta: { via: 'cli create-admin' } });
    return { id, created: true };
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Demo organisation: departments, one user per built-in role and an administrator, and unless
 * told otherwise their customers (see demo-customers.ts). Every demo user shares the admin's generated password, so a
 * tester can sign in as any role.
 */
export async function seedDemo(
  db: Db,
  password = randomBytes(9).toString('base64url'),
  { customers = true }: { customers?: boolean } = {},
): Promise<{ email: string; password: string }> {
  await rolesService.ensureBuiltinRoles(db);
  const at = now();
  const teamIds = new Map<string, { id: string; path: string }>();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    for (const t of TEAMS) {
      const id = newId();
      const parent = t.parent ? teamIds.get(t.parent) : undefined;
      const path = `${parent?.path ?? '/'}${id}/`;
      teamIds.set(t.key, { id, path });
      await trx
        .insertInto('teams')
        .values({
          id,
          name: t.name,
          parentId: parent?.id ?? null,
          path,
          ...freshRecord(null, at),
        })
        .execute();
    }
    for (const u of USERS) {
      const roleId = await rolesService.builtinId(trx, u.role);
      if (!roleId) throw new Error(`Built-in role ${u.role} is missing`);
      await insertUser(trx, { email: u.email, name: u.name, locale: u.locale, teamId: teamIds.get(u.team)?.id ?? null, roleId, passwordHash });
    }
  });
  const admin = await createAdmin(db, { email: DEMO_ADMIN_EMAIL, password, name: '系统管理员', teamId: teamIds.get('hq')?.id });
  // Browser tests seed the customers they assert on; the demo records would only crowd their lists.
  if (customers) await seedDemoCustomers(db, admin.id);
  return { email: DEMO_ADMIN_EMAIL, password };
}
