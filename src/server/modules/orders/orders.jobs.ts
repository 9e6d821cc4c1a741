import type { Db } from '../../db/connection.js';
import { upsertSchedule } from '../../platform/jobs/scheduler.js';
import type { JobLogger, JobRunner } from '../../platform/jobs/worker.js';
import { COLLECTION_JOB, runCollectionReminders } from './collection.js';

/** Collection reminders (帐款催收) run daily at 01:30 UTC (09:30 in China), after the tracking rules. */
export async function registerOrderJobs(runner: JobRunner, db: Db, logger: JobLogger): Promise<void> {
  runner.register(COLLECTION_JOB, async () => {
    const reminded = await runCollectionReminders(db);
    logger.info({ reminded }, 'collection reminders sent for overdue installments');
  });
  await upsertSchedule(db, { name: COLLECTION_JOB, cron: '30 1 * * *', jobName: COLLECTION_JOB, payload: null });
}
