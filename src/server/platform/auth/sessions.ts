import { MODULES, type Permissions } from '../../../shared/schemas/permissions.js';
import type { Config } from '../../config.js';
import { compiledQuery } from '../../db/compiled.js';
import type { Db } from '../../db/connection.js';
import { hashSecret, newId, newSecret, now } from '../ids.js';

export const SESSION_PREFIX = 'gxs_';
export const API_TOKEN_PREFIX = 'gxp_';
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export interface Identity {
  userId: string;
  teamId: string | null;
  teamPath: string | null;
  permissions: Permissions;
  via: 'session' | 'api_token';
  credentialId: string;
  csrfToken: string | null;
}

export function parsePermissions(json: string): Permissions {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const out: Permissions = {};
  for (const m of MODULES) if (raw[m]) out[m] = raw[m] as Permissions[typeof m];
  return out;
}

/** The user behind a credential, if they are active and not deleted. */
export async function loadIdentity(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .leftJoin('teams', 'teams.id', 'users.teamId')
    .select(['users.id', 'users.teamId', 'teams.path as teamPath', 'roles.permissions'])
    .where('users.id', '=', userId)
    .where('users.deletedAt', 'is', null)
    .where('users.deactivatedAt', 'is', null)
    .where('roles.deletedAt', 'is', null)
    .executeTakeFirst();
}

export async function createSession(
  db: Db,
  config: Config,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ id: string; token: string; csrfToken: string; expiresAt: string }> {
  const token = newSecret(SESSION_PREFIX);
  const csrfToken = newSecret('');
  const at = now();
  const expiresAt = new Date(Date.now() + config.sessionMaxHours * 3600_000).toISOString();
  const id = newId();
  await db
    .insertInto('sessions')
    .values({
      id,
      userId,
      tokenHash: hashSecret(token),
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
      expiresAt,
      revokedAt: null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { id, token, csrfToken, expiresAt };
}

/**
 * A credential and the user behind it in one statement: it runs on every API request, so the
 * session, user, role and team lookups are one indexed join, compiled once.
 */
const sessionByHash = compiledQuery((db: Db, _: null, hash: string) =>
  db
    .selectFrom('sessions as c')
    .innerJoin('users', 'users.id', 'c.userId')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .leftJoin('teams', 'teams.id', 'users.teamId')
    .select([
      'c.id',
      'c.csrfToken',
      'c.lastSeenAt',
      'c.expiresAt',
      'c.revokedAt',
      'users.id as userId',
      'users.teamId',
      'teams.path as teamPath',
      'roles.permissions',
    ])
    .where('c.tokenHash', '=', hash)
    .where('users.deletedAt', 'is', null)
    .where('users.deactivatedAt', 'is', null)
    .where('roles.deletedAt', 'is', null),
);

const apiTokenByHash = compiledQuery((db: Db, _: null, hash: string) =>
  db
    .selectFrom('apiTokens as c')
    .innerJoin('users', 'users.id', 'c.userId')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .leftJoin('teams', 'teams.id', 'users.teamId')
    .select(['c.id', 'c.lastUsedAt', 'c.expiresAt', 'c.revokedAt', 'users.id as userId', 'users.teamId', 'teams.path as teamPath', 'roles.permissions'])
    .where('c.tokenHash', '=', hash)
    .where('users.deletedAt', 'is', null)
    .where('users.deactivatedAt', 'is', null)
    .where('roles.deletedAt', 'is', null),
);

/** Resolves a session or API token to who is acting; null when it is unknown, expired or revoked. */
export async function resolveCredential(db: Db, config: Config, secret: string): Promise<Identity | null> {
  const hash = hashSecret(secret);
  const t = Date.now();
  if (secret.startsWith(SESSION_PREFIX)) {
    const [s] = await sessionByHash(db, '', null, hash);
    if (!s || s.revokedAt) return null;
    const idleLimit = Date.parse(s.lastSeenAt) + config.sessionIdleMinutes * 60_000;
    if (t >= Date.parse(s.expiresAt) || t >= idleLimit) return null;
    if (t - Date.parse(s.lastSeenAt) > TOUCH_EVERY_MS) {
      await db.updateTable('sessions').set({ lastSeenAt: now() }).where('id', '=', s.id).execute();
    }
    return {
      userId: s.userId,
      teamId: s.teamId,
      teamPath: s.teamPath,
      permissions: parsePermissions(s.permissions),
      via: 'session',
      credentialId: s.id,
      csrfToken: s.csrfToken,
    };
  }
  if (secret.startsWith(API_TOKEN_PREFIX)) {
    const [k] = await apiTokenByHash(db, '', null, hash);
    if (!k || k.revokedAt || (k.expiresAt && t >= Date.parse(k.expiresAt))) return null;
    if (!k.lastUsedAt || t - Date.parse(k.lastUsedAt) > TOUCH_EVERY_MS) {
      await db.updateTable('apiTokens').set({ lastUsedAt: now() }).where('id', '=', k.id).execute();
    }
    return {
      userId: k.userId,
      teamId: k.teamId,
      teamPath: k.teamPath,
      permissions: parsePermissions(k.permissions),
      via: 'api_token',
      credentialId: k.id,
      csrfToken: null,
    };
  }
  return null;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revokedAt: now() }).where('id', '=', sessionId).where('revokedAt', 'is', null).execute();
}

/** Ends every session and API token of a user (deactivation, deletion, password reset). */
export async function revokeAllForUser(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  const at = now();
  await db
    .updateTable('sessions')
    .set({ revokedAt: at })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .$if(exceptSessionId !== undefined, (q) => q.where('id', '!=', exceptSessionId as string))
    .execute();
}

export async function revokeApiTokensForUser(db: Db, userId: string): Promise<void> {
  await db.updateTable('apiTokens').set({ revokedAt: now() }).where('userId', '=', userId).where('revokedAt', 'is', null).execute();
}
