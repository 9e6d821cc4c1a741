import type { FastifyBaseLogger } from 'fastify';
import { loadConfig } from './config.js';
import type { DbHandle } from './db/connection.js';
import { registerExpansionCardJobs } from './modules/expansion-cards/key-date-reminders.js';
import { registerImportJob } from './modules/imports/imports.jobs.js';
import { registerOrderJobs } from './modules/orders/orders.jobs.js';
import { registerPoolJobs } from './modules/pool/pool.jobs.js';
import { registerTaskJobs } from './modules/tasks/tasks.jobs.js';
import { cleanupAuth } from './platform/auth/cleanup.js';
import { pruneFinished } from './platform/jobs/queue.js';
import { upsertSchedule } from './platform/jobs/scheduler.js';
import { JobRunner } from './platform/jobs/worker.js';
import { registerMailJob } from './platform/mail.js';

/** Every background job of the app: handlers and recurring schedules. Modules add theirs here. */
export async function startJobs(database: DbHandle, logger: FastifyBaseLogger): Promise<JobRunner> {
  const runner = new JobRunner(database, { logger });
  runner.register('auth.cleanup', async () => {
    const removed = await cleanupAuth(database.db);
    const jobs = await pruneFinished(database.db, new Date(Date.now() - 30 * 86_400_000).toISOString());
    logger.info({ ...removed, jobs }, 'removed ended sessions, stale login counters and old finished jobs');
  });
  await upsertSchedule(database.db, { name: 'auth.cleanup', cron: '17 3 * * *', jobName: 'auth.cleanup', payload: null });
  // Any module may queue e-mail (tasks' reminders first), so the sender is registered once here.
  registerMailJob(runner, database.db, logger);
  await registerTaskJobs(runner, database.db, logger);
  await registerPoolJobs(runner, database.db, logger);
  await registerExpansionCardJobs(runner, database.db, logger);
  await registerOrderJobs(runner, database.db, logger);
  registerImportJob(runner, database.db, loadConfig());
  if (database.sqlite) {
    // Keeps SQLite's planner statistics fresh as tables grow (PostgreSQL's autovacuum does this itself).
    const sqlite = database.sqlite;
    runner.register('db.optimize', async () => {
      sqlite.pragma('optimize');
    });
    await upsertSchedule(database.db, { name: 'db.optimize', cron: '41 * * * *', jobName: 'db.optimize', payload: null });
  }
  runner.start({ pollMs: 2000 });
  return runner;
}
