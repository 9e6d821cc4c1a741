import type { Db, Dialect } from '../../db/connection.js';
import type { JobRow } from '../../db/schema.js';
import { newId, now } from '../ids.js';

export interface EnqueueOptions {
  /** When the job becomes due; defaults to now (or now + delayMs). */
  runAt?: Date | string;
  delayMs?: number;
  maxAttempts?: number;
}

/** Delay before the next attempt, in ms, given the attempts made so far. */
export type Backoff = (attempts: number) => number;

const BACKOFF_BASE_MS = 10_000;
const BACKOFF_CAP_MS = 60 * 60_000;
const LAST_ERROR_MAX = 4000;

/** 2^attempts × 10 s, capped at 1 h, plus up to 10% jitter so failed jobs do not retry in lockstep. */
export const defaultBackoff: Backoff = (attempts) => {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** attempts, BACKOFF_CAP_MS);
  return base + Math.floor(Math.random() * base * 0.1);
};

/** Adds a job; pass a transaction to make the job part of the caller's change (it is only seen on commit). */
export async function enqueue(db: Db, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
  const runAt = options.runAt ? new Date(options.runAt) : new Date(Date.now() + (options.delayMs ?? 0));
  const id = newId();
  await db
    .insertInto('jobs')
    .values({
      id,
      name,
      payload: JSON.stringify(payload ?? null),
      status: 'pending',
      runAt: runAt.toISOString(),
      maxAttempts: options.maxAttempts ?? 5,
      createdAt: now(),
    })
    .execute();
  return id;
}

/**
 * Claims one due job among `names` for `workerId` until now + lockMs, or returns undefined.
 * A 'running' job whose lock has expired belonged to a worker that died; it is claimed again.
 * One UPDATE … WHERE id = (SELECT … LIMIT 1) is atomic on SQLite (one writer); on PostgreSQL
 * FOR UPDATE SKIP LOCKED makes concurrent claimants pass over each other's row instead of sharing it.
 */
export async function claimNext(
  db: Db,
  dialect: Dialect,
  workerId: string,
  names: readonly string[],
  lockMs: number,
  at: Date = new Date(),
): Promise<JobRow | undefined> {
  if (names.length === 0) return undefined;
  const nowIso = at.toISOString();
  // A job that exhausted its attempts and then lost its lock (the worker crashed on it, maybe because of it)
  // must not be retried forever.
  await db
    .updateTable('jobs')
    .set({ status: 'failed', lastError: 'lock expired on the last attempt', finishedAt: nowIso, lockedBy: null, lockedUntil: null })
    .where('status', '=', 'running')
    .where('lockedUntil', '<', nowIso)
    .where((eb) => eb('attempts', '>=', eb.ref('maxAttempts')))
    .execute();
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      lockedBy: workerId,
      lockedUntil: new Date(at.getTime() + lockMs).toISOString(),
    }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('name', 'in', names)
        .where((w) =>
          w.or([w.and([w('status', '=', 'pending'), w('runAt', '<=', nowIso)]), w.and([w('status', '=', 'running'), w('lockedUntil', '<', nowIso)])]),
        )
        .orderBy('runAt')
        .limit(1)
        .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Marks a claimed job done. A no-op if the job is no longer running (e.g. it was cancelled meanwhile). */
export async function complete(db: Db, id: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finishedAt: now(), lockedBy: null, lockedUntil: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Records a failed attempt: back to pending after a backoff, or 'failed' once maxAttempts is reached. */
export async function fail(db: Db, job: JobRow, error: unknown, backoff: Backoff = defaultBackoff): Promise<void> {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const lastError = message.slice(0, LAST_ERROR_MAX);
  const final = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set(
      final
        ? { status: 'failed', lastError, finishedAt: now(), lockedBy: null, lockedUntil: null }
        : { status: 'pending', lastError, runAt: new Date(Date.now() + backoff(job.attempts)).toISOString(), lockedBy: null, lockedUntil: null },
    )
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    // If our lock expired and another worker claimed the job again, that attempt is no longer ours to record.
    .where('attempts', '=', job.attempts)
    .execute();
}

/**
 * Keeps a long job's claim alive (imports call it after every batch); false when the claim was lost,
 * i.e. the lock expired and another runner took the job.
 */
export async function extendLock(db: Db, job: Pick<JobRow, 'id' | 'lockedBy'>, lockMs: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ lockedUntil: new Date(Date.now() + lockMs).toISOString() })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('lockedBy', '=', job.lockedBy)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Cancels a job that has not started; returns whether it was pending. */
export async function cancel(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'failed', lastError: 'cancelled', finishedAt: now() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function getJob(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Deletes finished jobs (done or failed) that ended before `before`; the table stays small. */
export async function pruneFinished(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('finishedAt', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
