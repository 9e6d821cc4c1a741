import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/testApp.js';
import { cleanupAuth } from './cleanup.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

test('deletes sessions that ended over 30 days ago and keeps live ones', async () => {
  const live = await makeUser(t);
  const old = await makeUser(t);
  const db = t.database.db;
  await db
    .updateTable('sessions')
    .set({ expiresAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })
    .where('userId', '=', old.id)
    .execute();
  await db
    .insertInto('loginThrottle')
    .values({ key: 'acct:x@example.com', failures: 2, windowStart: new Date(Date.now() - 86_400_000).toISOString(), lockedUntil: null })
    .execute();
  const removed = await cleanupAuth(db);
  expect(removed).toEqual({ sessions: 1, throttle: 1 });
  const left = await db.selectFrom('sessions').select('userId').execute();
  expect(left.map((s) => s.userId)).toContain(live.id);
  expect(left.map((s) => s.userId)).not.toContain(old.id);
});
