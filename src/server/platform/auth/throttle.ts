import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { now } from '../ids.js';

/**
 * Login throttling lives in the database so it holds across app instances. Failures are counted
 * per e-mail and per client address within a window; past the limit the key is locked for a while.
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 30,
};

const keys = (email: string, ip: string | null) => [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];

/** The time until which login is locked for this e-mail or address, or null. */
export async function lockedUntil(db: Db, email: string, ip: string | null): Promise<string | null> {
  const rows = await db.selectFrom('loginThrottle').select('lockedUntil').where('key', 'in', keys(email, ip)).where('lockedUntil', '>', now()).execute();
  const until = rows.map((r) => r.lockedUntil as string).sort();
  return until.length > 0 ? until[until.length - 1] : null;
}

export async function recordFailure(db: Db, email: string, ip: string | null): Promise<void> {
  const at = new Date();
  const iso = at.toISOString();
  const windowStartMin = new Date(at.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
  const lockUntil = new Date(at.getTime() + THROTTLE.lockMinutes * 60_000).toISOString();
  for (const key of keys(email, ip)) {
    const max = key.startsWith('email:') ? THROTTLE.maxFailuresPerEmail : THROTTLE.maxFailuresPerIp;
    // One atomic upsert: a failure outside the window starts a new count; reaching the limit locks.
    await db
      .insertInto('loginThrottle')
      .values({ key, failures: 1, windowStart: iso, lockedUntil: max <= 1 ? lockUntil : null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`case when login_throttle.window_start < ${windowStartMin} then 1 else login_throttle.failures + 1 end`,
          windowStart: sql`case when login_throttle.window_start < ${windowStartMin} then ${iso} else login_throttle.window_start end`,
          lockedUntil: sql`case when login_throttle.window_start >= ${windowStartMin} and login_throttle.failures + 1 >= ${max} then ${lockUntil} else login_throttle.locked_until end`,
        }),
      )
      .execute();
  }
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', `email:${email}`).execute();
}
