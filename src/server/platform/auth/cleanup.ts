import type { Db } from '../../db/connection.js';
import { THROTTLE } from './throttle.js';

/** Sessions and tokens that ended longer ago than this are deleted; the audit log keeps the history. */
const KEEP_ENDED_DAYS = 30;

/** Removes credentials and throttle counters that can no longer matter. Idempotent. */
export async function cleanupAuth(db: Db, at = new Date()): Promise<{ sessions: number; throttle: number }> {
  const cutoff = new Date(at.getTime() - KEEP_ENDED_DAYS * 86_400_000).toISOString();
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<', cutoff), eb('revokedAt', '<', cutoff)]))
    .executeTakeFirst();
  const staleWindow = new Date(at.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
  const throttle = await db
    .deleteFrom('loginThrottle')
    .where('windowStart', '<', staleWindow)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', at.toISOString())]))
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), throttle: Number(throttle.numDeletedRows) };
}
