import { performance } from 'node:perf_hooks';
import type { DuplicateMode, ImportMapping } from '../../../shared/schemas/imports.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import type { ImportRow, JobRow } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import { loadIdentity, parsePermissions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { now } from '../../platform/ids.js';
import { extendLock } from '../../platform/jobs/queue.js';
import { can } from '../../platform/permissions.js';
import { readRows } from './file-reader.js';
import type { ImportFieldDef, ImportInputRow, RowProblem } from './import-entities.js';
import { IMPORTERS } from './imports.registry.js';
import { importsRepository as repo } from './imports.repository.js';

export const IMPORT_JOB = 'imports.run';
/**
 * Rows per transaction. Each commit writes every index page the batch touched (contacts carry ~20
 * indexes, the search index ~20 keys a row, on pages all over its key range), so 250-row batches spent
 * most of their time committing. A 2,000-row batch holds the connection ~1 s at 100k contacts on the
 * 2-CPU bench box; 5,000 rows were another 1.5× faster but held it ~2 s (BENCHMARKS.md, import).
 */
export const BATCH_SIZE = 2000;
/** Idle time for the instance's other requests after every WORK_MS of importing (about 2% of an import's time). */
const PAUSE_MS = 10;
const WORK_MS = 500;
/** How long each committed batch renews the job's claim: short, so after a crash another runner resumes within a minute. */
const LOCK_MS = 60_000;

export interface RunOptions {
  batchSize?: number;
  /** The queue's job, whose claim is renewed after each batch. */
  job?: Pick<JobRow, 'id' | 'lockedBy'>;
  /** After each committed batch (the CLI's progress line; tests use it to simulate a crash). */
  afterBatch?: (state: ImportRow) => Promise<void> | void;
}

/** The batch could not be committed: someone else moved the import on (a second runner after a lost lock). */
class LostClaim extends Error {}

const isTerminal = (s: ImportRow['status']) => s === 'done' || s === 'failed' || s === 'cancelled';

/** A row's mapped, non-empty cells by field key; two columns mapped to one field are joined (two phone columns). */
export function valuesOf(cells: string[], mapping: ImportMapping): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [column, key] of Object.entries(mapping)) {
    const text = cells[Number(column)]?.trim();
    if (!text) continue;
    values[key] = values[key] === undefined ? text : `${values[key]}\n${text}`;
  }
  return values;
}

/** The column header a problem is reported under: the first column mapped to the field, else the field's name. */
export function columnNamer(headers: string[], mapping: ImportMapping, fields: ImportFieldDef[]) {
  const byField = new Map<string, string>();
  for (const [column, key] of Object.entries(mapping)) if (!byField.has(key)) byField.set(key, headers[Number(column)] ?? key);
  return (field: string | null) => (field === null ? null : (byField.get(field) ?? fields.find((f) => f.key === field)?.label.en ?? field));
}

/** Ends the import once (whichever path gets there first) and audits it as one event with its counts. */
export async function finishImport(db: Db, imp: ImportRow, status: 'done' | 'failed' | 'cancelled', error: string | null = null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ended = await repo.setStatus(trx, imp.id, ['uploaded', 'queued', 'running'], { status, error, finishedAt: now() });
    if (!ended) return;
    const final = (await repo.find(trx, imp.id)) as ImportRow;
    await audit(trx, {
      actorId: imp.createdBy,
      ip: null,
      action: 'import',
      entityType: imp.entity,
      entityId: imp.id,
      meta: {
        fileName: imp.fileName,
        status,
        totalRows: final.totalRows,
        created: final.rowsCreated,
        updated: final.rowsUpdated,
        skipped: final.rowsSkipped,
        failed: final.rowsFailed,
        duplicateMode: final.duplicateMode,
      },
    });
  });
  await repo.dropChunks(db, imp.id);
}

async function countRows(db: Db, imp: ImportRow): Promise<number> {
  let n = -1;
  for await (const _ of readRows(repo.chunks(db, imp.id), imp.format, imp.encoding)) n++;
  return Math.max(n, 0);
}

async function actorCtx(db: Db, config: Config, userId: string): Promise<Ctx | undefined> {
  const identity = await loadIdentity(db, userId);
  if (!identity) return undefined;
  const permissions = parsePermissions(identity.permissions);
  return { db, config, actor: { userId: identity.id, teamId: identity.teamId, teamPath: identity.teamPath, permissions, ip: null } };
}

/**
 * Runs (or resumes) an import: rows after the committed cursor are read from the stored file,
 * checked and written a batch at a time; each batch's records, report rows, counts and the cursor
 * commit in one transaction, so a crash loses at most the batch in flight and a rerun neither loses
 * nor repeats a row. The import's own rules run as its creator, with their current permissions.
 */
export async function runImport(db: Db, config: Config, importId: string, options: RunOptions = {}): Promise<void> {
  const imp = await repo.find(db, importId);
  if (!imp || isTerminal(imp.status) || imp.status === 'uploaded') return;
  if (imp.cancelRequested) return finishImport(db, imp, 'cancelled');
  const ctx = await actorCtx(db, config, imp.createdBy);
  const importer = IMPORTERS[imp.entity as keyof typeof IMPORTERS];
  if (!ctx || !importer || !can(ctx.actor, importer.module, 'create')) {
    return finishImport(db, imp, 'failed', 'The importer no longer has permission to create these records');
  }
  await repo.setStatus(db, imp.id, ['queued', 'running'], { status: 'running', startedAt: imp.startedAt ?? now() });
  if (imp.totalRows === null) await repo.setStatus(db, imp.id, ['running'], { totalRows: await countRows(db, imp) });

  const mapping = JSON.parse(imp.mapping ?? '{}') as ImportMapping;
  const mode = (imp.duplicateMode ?? 'skip') as DuplicateMode;
  const columnOf = columnNamer(JSON.parse(imp.headers) as string[], mapping, await importer.fields(db));
  const size = options.batchSize ?? BATCH_SIZE;
  let cursor = imp.cursor;
  let batch: ImportInputRow[] = [];
  let workedSince = performance.now();

  /** Commits the batch; false when the import must stop here (cancelled, or taken over). */
  const commit = async (): Promise<boolean> => {
    const state = (await repo.find(db, imp.id)) as ImportRow;
    if (state.cancelRequested) {
      await finishImport(db, imp, 'cancelled');
      return false;
    }
    if (state.status !== 'running' || state.cursor !== cursor) return false;
    const last = batch[batch.length - 1].row;
    const { ok, problems } = await importer.prepare(ctx, batch);
    try {
      await db.transaction().execute(async (trx) => {
        const outcome = await importer.write(ctx, trx, ok, mode);
        const all: RowProblem[] = [...problems, ...outcome.problems].sort((a, b) => a.row - b.row);
        const seqs = new Map<number, number>();
        await repo.insertErrors(
          trx,
          all.map((p) => {
            const seq = (seqs.get(p.row) ?? 0) + 1;
            seqs.set(p.row, seq);
            return { importId: imp.id, row: p.row, seq, column: columnOf(p.field), reason: p.reason };
          }),
        );
        const counts = { created: outcome.created, updated: outcome.updated, skipped: outcome.skipped, failed: seqs.size };
        if (!(await repo.advance(trx, imp.id, cursor, last, counts))) throw new LostClaim();
      });
    } catch (err) {
      if (err instanceof LostClaim) return false;
      throw err;
    }
    cursor = last;
    batch = [];
    // SQLite's driver answers synchronously, so an import holds the event loop while a batch runs:
    // between batches the requests that came in meanwhile are served, and after a while of work a
    // short pause leaves room for the instance's own work (a pause per batch cost 4 s per 100k rows).
    await new Promise((resolve) => setImmediate(resolve));
    if (performance.now() - workedSince >= WORK_MS) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      workedSince = performance.now();
    }
    if (options.job) await extendLock(db, options.job, LOCK_MS);
    if (options.afterBatch) await options.afterBatch((await repo.find(db, imp.id)) as ImportRow);
    return true;
  };

  let header = true;
  for await (const { row, cells } of readRows(repo.chunks(db, imp.id), imp.format, imp.encoding)) {
    if (header) {
      header = false;
      continue;
    }
    if (row <= cursor) continue;
    batch.push({ row, values: valuesOf(cells, mapping) });
    if (batch.length >= size && !(await commit())) return;
  }
  if (batch.length > 0 && !(await commit())) return;
  await finishImport(db, imp, 'done');
}

/** The queue's handler: a failure on the last attempt ends the import as failed instead of leaving it running. */
export async function runImportJob(db: Db, config: Config, payload: { importId: string }, job: JobRow): Promise<void> {
  try {
    await runImport(db, config, payload.importId, { job });
  } catch (err) {
    if (job.attempts >= job.maxAttempts) {
      const imp = await repo.find(db, payload.importId);
      if (imp) await finishImport(db, imp, 'failed', err instanceof Error ? err.message : String(err));
    }
    throw err;
  }
}
