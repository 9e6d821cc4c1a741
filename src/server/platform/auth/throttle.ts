import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';

/**
 * Login throttling lives in the database so it holds across app instances. Every attempt is counted
 * before the password is checked (one atomic upsert per key), so parallel guesses cannot slip past
 * the limit. The tight limit is per account and client address, so one attacker cannot lock a whole
 * office out; looser limits per account (distributed guessing) and per address (spraying) back it up.
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxPerAccountAndIp: 5,
  maxPerAccount: 20,
  maxPerIp: 100,
};

function keysOf(email: string, ip: string | null): { key: string; max: number }[] {
  return [
    { key: `acct-ip:${email}|${ip ?? '-'}`, max: THROTTLE.maxPerAccountAndIp },
    { key: `acct:${email}`, max: THROTTLE.maxPerAccount },
    ...(ip ? [{ key: `ip:${ip}`, max: THROTTLE.maxPerIp }] : []),
  ];
}

/**
 * Counts one attempt. Returns null when the password may be checked, or the time until which
 * sign-in is locked (an attempt beyond a limit is refused unchecked and starts the lock).
 */
export async function registerAttempt(db: Db, email: string, ip: string | null): Promise<string | null> {
  const at = new Date();
  const iso = at.toISOString();
  const windowFloor = new Date(at.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
  const lockUntil = new Date(at.getTime() + THROTTLE.lockMinutes * 60_000).toISOString();
  const existing = await db
    .selectFrom('loginThrottle')
    .select('lockedUntil')
    .where(
      'key',
      'in',
      keysOf(email, ip).map((k) => k.key),
    )
    .where('lockedUntil', '>', iso)
    .execute();
  if (existing.length > 0) return existing.map((r) => r.lockedUntil as string).sort()[existing.length - 1];
  let locked: string | null = null;
  for (const { key, max } of keysOf(email, ip)) {
    const row = await db
      .insertInto('loginThrottle')
      .values({ key, failures: 1, windowStart: iso, lockedUntil: null })
      .onConflict((oc) =>
        // A count starts over when its window has passed or its lock has run out.
        oc.column('key').doUpdateSet({
          failures: sql`case when login_throttle.window_start < ${windowFloor} or login_throttle.locked_until <= ${iso} then 1 else login_throttle.failures + 1 end`,
          windowStart: sql`case when login_throttle.window_start < ${windowFloor} or login_throttle.locked_until <= ${iso} then ${iso} else login_throttle.window_start end`,
          lockedUntil: sql`case when login_throttle.locked_until <= ${iso} then null else login_throttle.locked_until end`,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    if (row.failures > max) {
      await db.updateTable('loginThrottle').set({ lockedUntil: lockUntil }).where('key', '=', key).execute();
      locked = lockUntil;
    }
  }
  return locked;
}

/** A successful sign-in: the account's counters start over and the address is not charged for it. */
export async function registerSuccess(db: Db, email: string, ip: string | null): Promise<void> {
  const [acctIp, acct, ipKey] = keysOf(email, ip);
  await db.deleteFrom('loginThrottle').where('key', 'in', [acctIp.key, acct.key]).execute();
  if (ipKey) {
    await db.updateTable('loginThrottle').set({ failures: sql`case when failures > 0 then failures - 1 else 0 end` }).where('key', '=', ipKey.key).execute();
  }
}
