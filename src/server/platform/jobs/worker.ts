import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db, Dialect } from '../../db/connection.js';
import type { JobRow } from '../../db/schema.js';
import { type Backoff, claimNext, complete, defaultBackoff, fail } from './queue.js';
import { enqueueDueSchedules } from './scheduler.js';

export type JobHandler<P = any> = (payload: P, job: JobRow) => Promise<void>;

/** The subset of pino the runner uses. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  /** Identifies this runner in jobs.locked_by; unique per runner by default. */
  workerId?: string;
  /** How long a claim lasts. A job still running after this may be claimed by another runner. */
  lockMs?: number;
  backoff?: Backoff;
  logger?: JobLogger;
}

const noop = () => {};
const silent: JobLogger = { info: noop, warn: noop, error: noop };

/**
 * Runs registered job handlers. Delivery is at least once (a runner that dies mid-job, or overruns
 * lockMs, leaves the job to be run again), so handlers must be idempotent.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly workerId: string;
  private readonly lockMs: number;
  private readonly backoff: Backoff;
  private readonly logger: JobLogger;
  private loops: Promise<void>[] = [];
  private stopping = false;
  // stop() must not wait out a long poll interval: it wakes every sleeping loop.
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly database: { db: Db; dialect: Dialect },
    options: JobRunnerOptions = {},
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.lockMs = options.lockMs ?? 5 * 60_000;
    this.backoff = options.backoff ?? defaultBackoff;
    this.logger = options.logger ?? silent;
  }

  register<P>(name: string, handler: JobHandler<P>): this {
    this.handlers.set(name, handler);
    return this;
  }

  /** Claims and runs at most one due job; returns whether it ran one. */
  async runOnce(): Promise<boolean> {
    const { db, dialect } = this.database;
    const job = await claimNext(db, dialect, this.workerId, [...this.handlers.keys()], this.lockMs);
    if (!job) return false;
    const handler = this.handlers.get(job.name)!;
    const started = Date.now();
    try {
      await handler(JSON.parse(job.payload), job);
    } catch (err) {
      const final = job.attempts >= job.maxAttempts;
      this.logger.error({ err, jobId: job.id, job: job.name, attempt: job.attempts, final }, final ? 'job failed' : 'job failed, will retry');
      await fail(db, job, err, this.backoff);
      return true;
    }
    await complete(db, job.id);
    this.logger.info({ jobId: job.id, job: job.name, ms: Date.now() - started }, 'job done');
    return true;
  }

  /** Polls until stop(): enqueues due schedules, then runs jobs, `concurrency` at a time. */
  start({ pollMs = 1000, concurrency = 1 }: { pollMs?: number; concurrency?: number } = {}): void {
    if (this.loops.length > 0) throw new Error('JobRunner already started');
    this.stopping = false;
    this.loops = Array.from({ length: concurrency }, () => this.loop(pollMs));
  }

  /** Stops polling and waits for the jobs in progress to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of [...this.sleepers]) wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(pollMs: number): Promise<void> {
    while (!this.stopping) {
      let ran = false;
      try {
        await enqueueDueSchedules(this.database.db);
        ran = await this.runOnce();
      } catch (err) {
        // Database trouble (e.g. a restart): keep polling rather than take the process down.
        this.logger.error({ err }, 'job runner poll failed');
      }
      if (!ran && !this.stopping) await this.sleep(pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
