import type { ModuleKey, Permissions, Scope } from '../../shared/schemas/permissions.js';
import type { Actor } from './context.js';
import { AppError } from './errors.js';

const RANK: Record<Scope, number> = { own: 0, team: 1, all: 2 };

/** True when `granted` gives nothing the actor lacks: no action they do not have, no wider scope. */
export function withinActor(actor: Actor, granted: Permissions): boolean {
  for (const [module, p] of Object.entries(granted) as [ModuleKey, Permissions[ModuleKey]][]) {
    if (!p || p.actions.length === 0) continue;
    const mine = actor.permissions[module];
    if (!mine || !p.actions.every((a) => mine.actions.includes(a)) || RANK[p.scope] > RANK[mine.scope]) return false;
  }
  return true;
}

/**
 * Nobody hands out, or acts on holders of, more power than they have: assigning a role, editing a
 * role's permissions, and editing or deleting a user all pass through here.
 */
export function assertWithinActor(actor: Actor, granted: Permissions, field: string): void {
  if (!withinActor(actor, granted)) {
    throw new AppError('exceeds_own_permissions', 'This goes beyond your own permissions', 403, { [field]: 'Beyond your own permissions' });
  }
}

/**
 * A team written into a record (a user's team, a team's parent) must lie inside the actor's scope
 * for that module, so nobody can move records — or themselves — out of or into places they cannot see.
 */
export function assertTeamInScope(actor: Actor, module: ModuleKey, team: { id: string; path: string } | null, field: string): void {
  const scope = actor.permissions[module]?.scope;
  const ok =
    scope === 'all' ||
    (team !== null && scope === 'team' && actor.teamPath !== null && team.path.startsWith(actor.teamPath)) ||
    (team !== null && scope === 'own' && team.id === actor.teamId);
  if (!ok) throw new AppError('team_out_of_scope', 'That team is outside your scope', 403, { [field]: 'Outside your scope' });
}
