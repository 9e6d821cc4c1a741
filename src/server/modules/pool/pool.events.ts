import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { poolRepository as repo } from './pool.repository.js';

type Holder = { ownerId: string | null; teamId: string | null };

/**
 * For owner changes made outside the pool endpoints (edit form, bulk assign): the pool history stays
 * complete. Taking a pool record for oneself is a claim, giving it to the pool a release, the rest an
 * assignment. Call in the transaction of the change.
 */
export async function recordOwnerChange(trx: Db, actor: Actor, organizationId: string, before: Holder, after: Holder, at: string): Promise<void> {
  if (before.ownerId === after.ownerId) return;
  const kind = after.ownerId === null ? 'release' : before.ownerId === null && after.ownerId === actor.userId ? 'claim' : 'assign';
  await repo.insertEvent(trx, {
    id: newId(),
    organizationId,
    kind,
    actorId: actor.userId,
    fromOwnerId: before.ownerId,
    toOwnerId: after.ownerId,
    teamId: after.teamId,
    reason: null,
    at,
  });
}
