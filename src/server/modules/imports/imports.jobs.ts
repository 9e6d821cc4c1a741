import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import type { JobRunner } from '../../platform/jobs/worker.js';
import { IMPORT_JOB, runImportJob } from './run-import.js';

/** Imports run on whichever instance's runner claims the job; the file and the progress are in the database. */
export function registerImportJob(runner: JobRunner, db: Db, config: Config): void {
  runner.register<{ importId: string }>(IMPORT_JOB, (payload, job) => runImportJob(db, config, payload, job));
}
