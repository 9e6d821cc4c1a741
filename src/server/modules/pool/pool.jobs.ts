import type { Db } from '../../db/connection.js';
import { upsertSchedule } from '../../platform/jobs/scheduler.js';
import type { JobLogger, JobRunner } from '../../platform/jobs/worker.js';
import { POOL_RULE_JOB, runPoolRule } from './pool.rule.js';

/** The pool rule runs daily at 01:30 UTC (09:30 in China), after the no-contact rule has raised its follow-ups. */
export async function registerPoolJobs(runner: JobRunner, db: Db, logger: JobLogger): Promise<void> {
  runner.register(POOL_RULE_JOB, async () => {
    const result = await runPoolRule(db);
    logger.info(result, 'pool rule returned stale customers and warned their owners');
  });
  await upsertSchedule(db, { name: POOL_RULE_JOB, cron: '30 1 * * *', jobName: POOL_RULE_JOB, payload: null });
}
