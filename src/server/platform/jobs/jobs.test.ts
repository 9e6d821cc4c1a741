import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { DbHandle } from '../../db/connection.js';
import { createTestDb } from '../../test/testDb.js';
import { openSecondHandle } from '../../test/testDbShared.js';
import { cancel, claimNext, defaultBackoff, enqueue, getJob, pruneFinished } from './queue.js';
import { enqueueDueSchedules, upsertSchedule } from './scheduler.js';
import { type JobLogger, JobRunner } from './worker.js';

let h: DbHandle;
/** A second app instance's handle: its own pool on PostgreSQL, the same handle on in-memory SQLite. */
let h2: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  h2 = await openSecondHandle(h);
});
afterAll(async () => {
  await h2?.close();
  await h?.close();
});
beforeEach(async () => {
  await h.db.deleteFrom('jobs').execute();
  await h.db.deleteFrom('jobSchedules').execute();
});

const job = async (id: string) => (await getJob(h.db, id))!;
const secondsFromNow = (s: number) => new Date(Date.now() + s * 1000);

function recordingLogger() {
  const errors: object[] = [];
  const logger: JobLogger = { info: () => {}, warn: () => {}, error: (obj) => errors.push(obj) };
  return { logger, errors };
}

async function until(condition: () => Promise<boolean>, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('queue', () => {
  test('runs a due job once and marks it done', async () => {
    const seen: unknown[] = [];
    const runner = new JobRunner(h).register('mail.send', async (payload) => void seen.push(payload));
    const id = await enqueue(h.db, 'mail.send', { to: '王芳 <wang@example.cn>' });

    expect(await runner.runOnce()).toBe(true);
    expect(await runner.runOnce()).toBe(false);
    expect(seen).toEqual([{ to: '王芳 <wang@example.cn>' }]);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lastError: null });
    expect((await job(id)).finishedAt).not.toBeNull();
  });

  test('enqueues inside a transaction only when it commits', async () => {
    const runner = new JobRunner(h).register('mail.send', async () => {});
    await expect(
      h.db.transaction().execute(async (trx) => {
        await enqueue(trx, 'mail.send', {});
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await runner.runOnce()).toBe(false);
  });

  test('does not run a delayed job before its time', async () => {
    let runs = 0;
    const runner = new JobRunner(h).register('reminder', async () => void runs++);
    const delayed = await enqueue(h.db, 'reminder', {}, { delayMs: 60_000 });
    const scheduled = await enqueue(h.db, 'reminder', {}, { runAt: secondsFromNow(3600).toISOString() });

    expect(await runner.runOnce()).toBe(false);
    expect(runs).toBe(0);
    // A minute later the delayed job is due, the other still is not.
    const claimed = await claimNext(h.db, h.dialect, 'w', ['reminder'], 1000, secondsFromNow(61));
    expect(claimed?.id).toBe(delayed);
    expect(await claimNext(h.db, h.dialect, 'w', ['reminder'], 1000, secondsFromNow(61))).toBeUndefined();
    expect((await job(scheduled)).status).toBe('pending');
  });

  test('retries a failing job with backoff and marks it failed after maxAttempts', async () => {
    const { logger, errors } = recordingLogger();
    const runner = new JobRunner(h, { logger, backoff: () => 0 }).register('import.rows', async () => {
      throw new Error('boom');
    });
    const id = await enqueue(h.db, 'import.rows', {}, { maxAttempts: 3 });

    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await runner.runOnce()).toBe(true);
      expect(await job(id)).toMatchObject({ attempts: attempt, status: attempt < 3 ? 'pending' : 'failed' });
    }
    expect(await runner.runOnce()).toBe(false);
    expect((await job(id)).lastError).toContain('boom');
    expect(errors.map((e) => (e as { final: boolean }).final)).toEqual([false, false, true]);
  });

  test('waits 2^attempts × 10 s (capped at an hour, plus jitter) before retrying', async () => {
    const runner = new JobRunner(h).register('flaky', async () => {
      throw new Error('temporarily unavailable');
    });
    const id = await enqueue(h.db, 'flaky', {});
    const before = Date.now();

    expect(await runner.runOnce()).toBe(true);
    const retryIn = Date.parse((await job(id)).runAt) - before;
    expect(retryIn).toBeGreaterThanOrEqual(20_000);
    expect(retryIn).toBeLessThan(22_000 + 1000);
    expect(await runner.runOnce()).toBe(false);
    expect(defaultBackoff(3)).toBeGreaterThanOrEqual(80_000);
    expect(defaultBackoff(30)).toBeLessThanOrEqual(3_600_000 * 1.1);
  });

  test('does not claim jobs without a registered handler', async () => {
    const runner = new JobRunner(h).register('known', async () => {});
    const id = await enqueue(h.db, 'unknown', {});
    expect(await runner.runOnce()).toBe(false);
    expect((await job(id)).status).toBe('pending');
  });

  test('cancels a pending job so that it never runs', async () => {
    const runner = new JobRunner(h).register('reminder', async () => {
      throw new Error('should not run');
    });
    const id = await enqueue(h.db, 'reminder', {});
    expect(await cancel(h.db, id)).toBe(true);
    expect(await cancel(h.db, id)).toBe(false);
    expect(await runner.runOnce()).toBe(false);
    expect(await job(id)).toMatchObject({ status: 'failed', lastError: 'cancelled', attempts: 0 });
  });

  test('reclaims a running job whose lock expired, but not one whose lock holds', async () => {
    const runner = new JobRunner(h, { workerId: 'survivor' }).register('sla.escalate', async () => {});
    const live = await enqueue(h.db, 'sla.escalate', { n: 1 });
    await claimNext(h.db, h.dialect, 'busy', ['sla.escalate'], 60_000);
    // A worker claimed this one ten seconds ago with a one-second lock, then died.
    const orphan = await enqueue(h.db, 'sla.escalate', { n: 2 }, { runAt: secondsFromNow(-20) });
    await claimNext(h.db, h.dialect, 'crashed', ['sla.escalate'], 1000, secondsFromNow(-10));

    expect(await runner.runOnce()).toBe(true);
    expect(await runner.runOnce()).toBe(false);
    expect(await job(orphan)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await job(live)).toMatchObject({ status: 'running', lockedBy: 'busy' });
  });

  test('marks failed a job whose lock expired on its last attempt instead of retrying it', async () => {
    const runner = new JobRunner(h).register('poison', async () => {});
    const id = await enqueue(h.db, 'poison', {}, { maxAttempts: 1, runAt: secondsFromNow(-20) });
    await claimNext(h.db, h.dialect, 'crashed', ['poison'], 1000, secondsFromNow(-10));

    expect(await runner.runOnce()).toBe(false);
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'lock expired on the last attempt' });
  });

  test('two runners racing over the same jobs never run a job twice', async () => {
    const runs = new Map<string, number>();
    const ranBy = { a: 0, b: 0 };
    const handler = (who: 'a' | 'b') => async (_payload: unknown, j: { id: string }) => {
      runs.set(j.id, (runs.get(j.id) ?? 0) + 1);
      ranBy[who]++;
      await new Promise((r) => setImmediate(r));
    };
    const a = new JobRunner(h).register('bulk', handler('a'));
    const b = new JobRunner(h2).register('bulk', handler('b'));
    const ids = [];
    for (let i = 0; i < 50; i++) ids.push(await enqueue(h.db, 'bulk', { i }));

    a.start({ pollMs: 5, concurrency: 3 });
    b.start({ pollMs: 5, concurrency: 3 });
    const doneCount = async () =>
      (
        await h.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'done')
          .executeTakeFirstOrThrow()
      ).n;
    await until(async () => Number(await doneCount()) === 50);
    await Promise.all([a.stop(), b.stop()]);

    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(ranBy.a).toBeGreaterThan(0);
    expect(ranBy.b).toBeGreaterThan(0);
  });

  test('stop waits for the running job to finish', async () => {
    let release = () => {};
    let started = false;
    const runner = new JobRunner(h).register('slow', async () => {
      started = true;
      await new Promise<void>((r) => {
        release = r;
      });
    });
    const id = await enqueue(h.db, 'slow', {});
    runner.start({ pollMs: 5 });
    await until(async () => started);

    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await job(id)).status).toBe('done');
  });
});

describe('scheduler', () => {
  const t = (iso: string) => new Date(`2030-01-01T${iso}Z`);
  const countJobs = async () => (await h.db.selectFrom('jobs').select('id').where('name', '=', 'digest.send').execute()).length;

  test('a recurring schedule enqueues exactly one job per due tick even when two instances tick at the same time', async () => {
    await upsertSchedule(h.db, { name: 'daily-digest', cron: '*/5 * * * *', jobName: 'digest.send', payload: { kind: 'daily' } }, t('00:00:00'));

    expect(await enqueueDueSchedules(h.db, t('00:04:59'))).toBe(0);
    const first = await Promise.all([enqueueDueSchedules(h.db, t('00:05:00')), enqueueDueSchedules(h2.db, t('00:05:00'))]);
    expect(first.sort()).toEqual([0, 1]);
    expect(await countJobs()).toBe(1);
    // The next tick is 00:10; ticking again before it changes nothing.
    expect(await enqueueDueSchedules(h2.db, t('00:07:00'))).toBe(0);
    const second = await Promise.all([enqueueDueSchedules(h2.db, t('00:10:30')), enqueueDueSchedules(h.db, t('00:10:30'))]);
    expect(second.sort()).toEqual([0, 1]);

    const jobs = await h.db.selectFrom('jobs').selectAll().orderBy('runAt').execute();
    expect(jobs.map((j) => [j.runAt, JSON.parse(j.payload)])).toEqual([
      ['2030-01-01T00:05:00.000Z', { kind: 'daily' }],
      ['2030-01-01T00:10:00.000Z', { kind: 'daily' }],
    ]);
    const schedule = await h.db.selectFrom('jobSchedules').selectAll().executeTakeFirstOrThrow();
    expect(schedule.nextRunAt).toBe('2030-01-01T00:15:00.000Z');
  });

  test('upserting an unchanged schedule keeps its next run; changing the cron recomputes it', async () => {
    const input = { name: 'sla', cron: '0 * * * *', jobName: 'sla.escalate' };
    await upsertSchedule(h.db, input, t('00:30:00'));
    await upsertSchedule(h.db, input, t('00:45:00'));
    const nextRun = async () => (await h.db.selectFrom('jobSchedules').select('nextRunAt').executeTakeFirstOrThrow()).nextRunAt;
    expect(await nextRun()).toBe('2030-01-01T01:00:00.000Z');
    await upsertSchedule(h.db, { ...input, cron: '*/10 * * * *' }, t('00:45:00'));
    expect(await nextRun()).toBe('2030-01-01T00:50:00.000Z');
  });

  test('rejects an invalid cron expression', async () => {
    for (const cron of ['every tuesday', '61 * * * *', '* * * *', '']) {
      await expect(upsertSchedule(h.db, { name: 'bad', cron, jobName: 'x' })).rejects.toThrow(/^Invalid cron expression/);
    }
    expect(await h.db.selectFrom('jobSchedules').selectAll().execute()).toEqual([]);
  });
});

describe('retention', () => {
  test('prunes finished jobs older than the cut-off and keeps pending ones', async () => {
    const h = await createTestDb();
    try {
      const old = await enqueue(h.db, 'x', {});
      const pending = await enqueue(h.db, 'x', {});
      await h.db.updateTable('jobs').set({ status: 'done', finishedAt: '2020-01-01T00:00:00.000Z' }).where('id', '=', old).execute();
      expect(await pruneFinished(h.db, '2021-01-01T00:00:00.000Z')).toBe(1);
      const left = await h.db.selectFrom('jobs').select('id').execute();
      expect(left.map((j) => j.id)).toEqual([pending]);
    } finally {
      await h.close();
    }
  });
});
