import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { can, scopeOf } from '../../platform/permissions.js';
import { usersService } from '../users/users.service.js';

export interface Ownership {
  ownerId: string | null;
  /** The owner's team at assignment: team scope follows it, and a later team change of the owner does not move the record. */
  teamId: string | null;
}

const cannotAssign = () =>
  new AppError('owner_out_of_scope', 'Only someone with team or all scope may give a record to another owner or the pool', 403, {
    ownerId: 'You can only own it yourself',
  });
const noSuchOwner = (message: string) => badRequest('validation_failed', 'Some fields are invalid', { ownerId: message });

/**
 * The owner and team a record gets when `requested` is the ownerId sent (undefined: not sent).
 * On create (`current` undefined) the actor owns it by default. Returns undefined when nothing
 * changes. Anyone may take a record they can edit; giving it to someone else or to the shared pool
 * (null) takes the update action with team or all scope, so an own-scope rep cannot hand records
 * out of their sight, and the new owner must be a live user the actor may see.
 */
export async function resolveOwnership(ctx: Ctx, module: ModuleKey, requested: string | null | undefined, current?: Ownership): Promise<Ownership | undefined> {
  const { actor } = ctx;
  if (current && (requested === undefined || requested === current.ownerId)) return undefined;
  if (requested === undefined || requested === actor.userId) return { ownerId: actor.userId, teamId: actor.teamId };
  if (!can(actor, module, 'update') || scopeOf(actor, module) === 'own') throw cannotAssign();
  // A pool record stays in the pool of the team it was in; a new one goes to the actor's team's pool.
  if (requested === null) return { ownerId: null, teamId: current?.teamId ?? actor.teamId };
  const owner = await usersService.get(ctx, requested).catch((err) => {
    // Not found, outside the actor's users scope, or no users permission: all the same to the caller.
    if (err instanceof AppError && (err.status === 403 || err.status === 404)) return undefined;
    throw err;
  });
  if (!owner) throw noSuchOwner('No such user');
  if (!owner.active) throw noSuchOwner('This user is deactivated');
  return { ownerId: owner.id, teamId: owner.teamId };
}
