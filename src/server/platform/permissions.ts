import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Action, ModuleKey, Scope } from '../../shared/schemas/permissions.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './context.js';
import { forbidden } from './errors.js';

export function can(actor: Actor, module: ModuleKey, action: Action): boolean {
  return actor.permissions[module]?.actions.includes(action) ?? false;
}

/** Throws 403 unless the actor's role allows `action` on `module`. */
export function assertCan(actor: Actor, module: ModuleKey, action: Action): void {
  if (!can(actor, module, action)) throw forbidden();
}

export function scopeOf(actor: Actor, module: ModuleKey): Scope | null {
  const p = actor.permissions[module];
  return p && p.actions.length > 0 ? p.scope : null;
}

/**
 * Where a record's ownership lives. `owner` names the owning user; `team` the owning team. With only
 * `owner`, team scope goes through the owner's team; with only `team` (e.g. teams themselves),
 * "own" means the actor's own team.
 */
export type ScopeColumns = { owner: string; team?: string } | { owner?: undefined; team: string };

const TRUE = sql<boolean>`1 = 1`;
const FALSE = sql<boolean>`1 = 0`;

/**
 * The one place record visibility is decided: returns a WHERE expression to put inside the query,
 * so a list, a count, a read by id and an update all see exactly the same records.
 */
export function scopeFilter(actor: Actor, module: ModuleKey, cols: ScopeColumns) {
  return (eb: ExpressionBuilder<Database, keyof Database>): Expression<SqlBool> => {
    const scope = scopeOf(actor, module);
    if (scope === null) return FALSE;
    if (scope === 'all') return TRUE;
    const own = cols.owner ? eb(sql.ref(cols.owner), '=', actor.userId) : actor.teamId ? eb(sql.ref(cols.team as string), '=', actor.teamId) : FALSE;
    if (scope === 'own' || actor.teamPath === null) return own;
    const subtree = eb.selectFrom('teams as scope_teams').select('scope_teams.id').where('scope_teams.path', 'like', `${actor.teamPath}%`);
    if (cols.team) return eb.or([own, eb(sql.ref(cols.team), 'in', subtree)]);
    const members = eb.selectFrom('users as scope_users').select('scope_users.id').where('scope_users.teamId', 'in', subtree);
    return eb.or([own, eb(sql.ref(cols.owner as string), 'in', members)]);
  };
}
