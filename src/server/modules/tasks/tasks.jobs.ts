import type { Db } from '../../db/connection.js';
import { upsertSchedule } from '../../platform/jobs/scheduler.js';
import type { JobLogger, JobRunner } from '../../platform/jobs/worker.js';
import { NO_CONTACT_JOB, runNoContactRule } from './no-contact.js';
import { REMIND_JOB, REMINDER_SCAN_JOB, scanReminders, sendReminder } from './reminders.js';

/**
 * Background work of tracking: each reminder runs as a job due at its time (so it fires within one
 * poll of the runner), a scan every five minutes backs those jobs up, and the "no contact" rule runs daily
 * at 01:00 UTC (09:00 in China).
 */
export async function registerTaskJobs(runner: JobRunner, db: Db, logger: JobLogger): Promise<void> {
  runner.register<{ taskId: string }>(REMIND_JOB, async ({ taskId }) => {
    await sendReminder(db, taskId);
  });
  runner.register(REMINDER_SCAN_JOB, async () => {
    const sent = await scanReminders(db);
    if (sent > 0) logger.info({ sent }, 'sent reminders whose jobs had not run');
  });
  runner.register(NO_CONTACT_JOB, async () => {
    const { created } = await runNoContactRule(db);
    logger.info({ created }, 'no-contact rule raised follow-up tasks');
  });
  await upsertSchedule(db, { name: REMINDER_SCAN_JOB, cron: '*/5 * * * *', jobName: REMINDER_SCAN_JOB, payload: null });
  await upsertSchedule(db, { name: NO_CONTACT_JOB, cron: '0 1 * * *', jobName: NO_CONTACT_JOB, payload: null });
}
