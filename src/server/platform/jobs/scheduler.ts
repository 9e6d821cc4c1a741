import type * as CronParser from 'cron-parser';
import type { Db } from '../../db/connection.js';
import { lazyRequire } from '../lazy-require.js';
import { enqueue } from './queue.js';

/** With luxon it was ~40–80 ms of every start; a start whose schedules are unchanged never needs it. */
const cronParser = lazyRequire<typeof CronParser>('cron-parser');

export interface ScheduleInput {
  /** Unique key of the schedule, e.g. 'sla.escalate'. */
  name: string;
  /** 5 fields (minute first), 6 fields (second first) or a macro such as @daily; evaluated in UTC. */
  cron: string;
  jobName: string;
  payload?: unknown;
}

/** The first cron time strictly after `after`. UTC, so that every instance computes the same instant. */
function nextRun(cron: string, after: Date): string {
  return cronParser().CronExpressionParser.parse(cron, { currentDate: after, tz: 'UTC' }).next().toDate().toISOString();
}

function validateCron(cron: string): void {
  const fields = cron.trim().split(/\s+/).length;
  // Without strict mode the parser fills in missing fields ('* * * *' or '' would mean every minute).
  const shapeOk = cron.trim().startsWith('@') || fields === 5 || fields === 6;
  try {
    if (!shapeOk) throw new Error('expected 5 or 6 fields');
    nextRun(cron, new Date());
  } catch (err) {
    throw new Error(`Invalid cron expression "${cron}": ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Creates or updates a schedule; safe to call on every start-up. The next run time is kept when the
 * cron expression is unchanged, so a restart neither skips nor repeats a tick.
 */
export async function upsertSchedule(db: Db, input: ScheduleInput, at: Date = new Date()): Promise<void> {
  const payload = JSON.stringify(input.payload ?? null);
  // Every start upserts every schedule; when nothing changed there is nothing to validate or write.
  const stored = await db.selectFrom('jobSchedules').select(['cron', 'jobName', 'payload']).where('name', '=', input.name).executeTakeFirst();
  if (stored && stored.cron === input.cron && stored.jobName === input.jobName && stored.payload === payload) return;
  validateCron(input.cron);
  await db
    .insertInto('jobSchedules')
    .values({
      name: input.name,
      cron: input.cron,
      jobName: input.jobName,
      payload,
      nextRunAt: nextRun(input.cron, at),
      updatedAt: at.toISOString(),
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        cron: eb.ref('excluded.cron'),
        jobName: eb.ref('excluded.jobName'),
        payload: eb.ref('excluded.payload'),
        nextRunAt: eb
          .case()
          .when('jobSchedules.cron', '=', eb.ref('excluded.cron'))
          .then(eb.ref('jobSchedules.nextRunAt'))
          .else(eb.ref('excluded.nextRunAt'))
          .end(),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    )
    .execute();
}

/**
 * Enqueues one job for every schedule that is due, and returns how many it enqueued.
 * Instances race through a conditional UPDATE on the next_run_at they read: one wins per tick.
 * Ticks missed while no instance ran collapse into one run; the next run is computed from `at`.
 */
export async function enqueueDueSchedules(db: Db, at: Date = new Date()): Promise<number> {
  const nowIso = at.toISOString();
  const due = await db.selectFrom('jobSchedules').selectAll().where('nextRunAt', '<=', nowIso).execute();
  let enqueued = 0;
  for (const schedule of due) {
    // One transaction, so a crash cannot advance the schedule without enqueueing its job.
    const won = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('jobSchedules')
        .set({ nextRunAt: nextRun(schedule.cron, at), updatedAt: nowIso })
        .where('name', '=', schedule.name)
        .where('nextRunAt', '=', schedule.nextRunAt)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await enqueue(trx, schedule.jobName, JSON.parse(schedule.payload), { runAt: schedule.nextRunAt });
      return true;
    });
    if (won) enqueued++;
  }
  return enqueued;
}
