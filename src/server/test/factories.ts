import type { BuiltinRoleKey, Permissions } from '../../shared/schemas/permissions.js';
import type { Db } from '../db/connection.js';
import { hashPassword } from '../platform/auth/password.js';
import { createSession } from '../platform/auth/sessions.js';
import { newId } from '../platform/ids.js';
import { freshRecord } from '../platform/record.js';
import type { TestApp } from './testApp.js';

export const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;
let seq = 0;

const audited = () => freshRecord(null);

export async function makeTeam(db: Db, name = `Team ${++seq}`, parent?: { id: string; path: string }) {
  const id = newId();
  const row = { id, name, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, ...audited() };
  await db.insertInto('teams').values(row).execute();
  return row;
}

export async function roleId(db: Db, key: BuiltinRoleKey): Promise<string> {
  const r = await db.selectFrom('roles').select('id').where('builtinKey', '=', key).executeTakeFirstOrThrow();
  return r.id;
}

export async function makeRole(db: Db, permissions: Permissions, name = `Role ${++seq}`) {
  const id = newId();
  await db
    .insertInto('roles')
    .values({ id, name, description: null, builtinKey: null, permissions: JSON.stringify(permissions), ...audited() })
    .execute();
  return id;
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
  csrfToken: string;
}

/** A user with a live session; `token` works as a bearer token. */
export async function makeUser(
  t: TestApp,
  opts: { role?: BuiltinRoleKey; roleId?: string; teamId?: string | null; name?: string; email?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const db = t.database.db;
  const id = newId();
  const email = opts.email ?? `user${++seq}-${id.slice(-6)}@example.com`;
  await db
    .insertInto('users')
    .values({
      id,
      email,
      name: opts.name ?? `User ${seq}`,
      locale: 'en',
      teamId: opts.teamId ?? null,
      roleId: opts.roleId ?? (await roleId(db, opts.role ?? 'admin')),
      passwordHash: await passwordHash,
      deactivatedAt: null,
      lastLoginAt: null,
      ...audited(),
    })
    .execute();
  const session = await createSession(db, t.config, id, { ip: null, userAgent: 'test' });
  return { id, email, token: session.token, csrfToken: session.csrfToken };
}
