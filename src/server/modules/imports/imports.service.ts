import type { Readable } from 'node:stream';
import type { Import, ImportEntity, ImportListQuery, ImportMapping, ImportStart, ImportUploadResult } from '../../../shared/schemas/imports.js';
import type { ImportRow } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { cancel as cancelJob, enqueue } from '../../platform/jobs/queue.js';
import { assertCan } from '../../platform/permissions.js';
import { detectEncoding, type FileFormat, isZip, readRows } from './file-reader.js';
import { guessMapping, type ImportFieldDef } from './import-entities.js';
import { IMPORTERS } from './imports.registry.js';
import { importsRepository as repo } from './imports.repository.js';
import { columnNamer, finishImport, IMPORT_JOB, valuesOf } from './run-import.js';

/** Stored in pieces of this size: one row each, small enough to read one at a time. */
const CHUNK_BYTES = 1024 * 1024;
const PREVIEW_ROWS = 20;
/** Retries of a job that fails (a database restart mid-import); each resumes from the last committed batch. */
const JOB_ATTEMPTS = 10;

export function presentImport(r: ImportRow): Import {
  return {
    id: r.id,
    entity: r.entity as ImportEntity,
    status: r.status,
    fileName: r.fileName,
    format: r.format,
    encoding: r.encoding,
    sizeBytes: Number(r.sizeBytes),
    headers: JSON.parse(r.headers),
    mapping: r.mapping ? JSON.parse(r.mapping) : null,
    duplicateMode: r.duplicateMode,
    totalRows: r.totalRows,
    rowsProcessed: r.rowsCreated + r.rowsUpdated + r.rowsSkipped + r.rowsFailed,
    rowsCreated: r.rowsCreated,
    rowsUpdated: r.rowsUpdated,
    rowsSkipped: r.rowsSkipped,
    rowsFailed: r.rowsFailed,
    cancelRequested: r.cancelRequested === 1,
    error: r.error,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

async function loadVisible(ctx: Ctx, id: string): Promise<ImportRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Import');
  assertCan(ctx.actor, IMPORTERS[row.entity as ImportEntity].module, 'create');
  return row;
}

/** The first rows of the stored file (header first); stops reading there. */
async function headRows(ctx: Ctx, imp: Pick<ImportRow, 'id' | 'format' | 'encoding'>, n: number) {
  const rows = [];
  for await (const r of readRows(repo.chunks(ctx.db, imp.id), imp.format, imp.encoding)) {
    rows.push(r);
    if (rows.length >= n) break;
  }
  return rows;
}

/** 400 naming each bad column: an unknown field, a column the file does not have, a required field left out. */
function checkMapping(mapping: ImportMapping, headers: string[], fields: ImportFieldDef[]): void {
  const errors: Record<string, string> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const [column, key] of Object.entries(mapping)) {
    if (Number(column) >= headers.length) errors[`mapping.${column}`] = 'The file has no such column';
    else if (!known.has(key)) errors[`mapping.${column}`] = `Unknown field ${key}`;
  }
  const mapped = new Set(Object.values(mapping));
  for (const f of fields) if (f.required && !mapped.has(f.key)) errors[`fields.${f.key}`] = 'Required field: map a column to it';
  if (Object.keys(errors).length > 0) throw badRequest('validation_failed', 'The column mapping is incomplete', errors);
}

export const importsService = {
  /**
   * Stores an uploaded file in chunks as it streams in (any instance can then run the import),
   * and reads its encoding, headers and first rows to guess the mapping.
   */
  async upload(ctx: Ctx, entity: ImportEntity, fileName: string, file: Readable, maxBytes: number): Promise<ImportUploadResult> {
    const importer = IMPORTERS[entity];
    assertCan(ctx.actor, importer.module, 'create');
    const id = newId();
    const lower = fileName.toLowerCase();
    await repo.insert(ctx.db, {
      id,
      entity,
      status: 'uploaded',
      fileName: fileName.slice(0, 255),
      format: 'csv',
      encoding: 'utf-8',
      sizeBytes: 0,
      headers: '[]',
      mapping: null,
      duplicateMode: null,
      totalRows: null,
      jobId: null,
      error: null,
      createdBy: ctx.actor.userId,
      teamId: ctx.actor.teamId,
      createdAt: now(),
      startedAt: null,
      finishedAt: null,
    });
    try {
      let size = 0;
      let seq = 0;
      let head: Buffer | undefined;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        const data = Buffer.concat(pending);
        head ??= data.subarray(0, 64 * 1024);
        await repo.appendChunk(ctx.db, id, seq++, data);
        pending = [];
        pendingBytes = 0;
      };
      for await (const piece of file as AsyncIterable<Buffer>) {
        size += piece.length;
        if (size > maxBytes) throw badRequest('import_too_large', `Files up to ${Math.round(maxBytes / 1024 / 1024)} MB can be imported`);
        pending.push(piece);
        pendingBytes += piece.length;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      if (pendingBytes > 0) await flush();
      if ((file as { truncated?: boolean }).truncated) throw badRequest('import_too_large', 'The file is too large');
      if (!head || size === 0) throw badRequest('import_empty', 'The file is empty');
      const format: FileFormat = isZip(head) || lower.endsWith('.xlsx') ? 'xlsx' : 'csv';
      if (format === 'xlsx' && !isZip(head)) throw badRequest('import_unreadable', 'This is not an XLSX workbook');
      const encoding = format === 'xlsx' ? 'binary' : detectEncoding(head);
      const rows = await headRows(ctx, { id, format, encoding }, PREVIEW_ROWS + 1).catch((err: Error) => {
        throw badRequest('import_unreadable', `The file could not be read: ${err.message}`);
      });
      if (rows.length === 0) throw badRequest('import_empty', 'The file has no header row');
      const headers = rows[0].cells.map((h, i) => h || `#${i + 1}`);
      await repo.setStatus(ctx.db, id, ['uploaded'], { format, encoding, sizeBytes: size, headers: JSON.stringify(headers) });
      const fields = await importer.fields(ctx.db);
      return {
        import: presentImport((await repo.find(ctx.db, id)) as ImportRow),
        fields: fields.map(({ synonyms: _, ...f }) => f),
        guessedMapping: guessMapping(headers, fields),
        previewRows: rows.slice(1).map((r) => r.cells),
      };
    } catch (err) {
      await ctx.db.deleteFrom('imports').where('id', '=', id).execute();
      throw err;
    }
  },

  /** The first rows under a mapping, checked by the record type's rules without writing anything. */
  async preview(ctx: Ctx, id: string, mapping: ImportMapping) {
    const imp = await loadVisible(ctx, id);
    if (imp.status !== 'uploaded') throw conflict('import_started', 'This import has already started');
    const importer = IMPORTERS[imp.entity as ImportEntity];
    const headers = JSON.parse(imp.headers) as string[];
    const fields = await importer.fields(ctx.db);
    checkMapping(mapping, headers, fields);
    const rows = (await headRows(ctx, imp, PREVIEW_ROWS + 1)).slice(1);
    const { problems } = await importer.prepare(
      ctx,
      rows.map((r) => ({ row: r.row, values: valuesOf(r.cells, mapping) })),
    );
    const columnOf = columnNamer(headers, mapping, fields);
    return {
      rows: rows.map((r) => ({ row: r.row, cells: r.cells })),
      problems: problems.map((p) => ({ row: p.row, column: columnOf(p.field), reason: p.reason })),
    };
  },

  /** Queues the import with its mapping; only its uploader starts it, once. */
  async start(ctx: Ctx, id: string, input: ImportStart) {
    const imp = await loadVisible(ctx, id);
    if (imp.createdBy !== ctx.actor.userId) throw forbidden('Only the person who uploaded the file can start its import');
    const importer = IMPORTERS[imp.entity as ImportEntity];
    checkMapping(input.mapping, JSON.parse(imp.headers), await importer.fields(ctx.db));
    if (input.duplicateMode === 'update') assertCan(ctx.actor, importer.module, 'update');
    await ctx.db.transaction().execute(async (trx) => {
      const jobId = await enqueue(trx, IMPORT_JOB, { importId: id }, { maxAttempts: JOB_ATTEMPTS });
      const started = await repo.setStatus(trx, id, ['uploaded'], {
        status: 'queued',
        mapping: JSON.stringify(input.mapping),
        duplicateMode: input.duplicateMode,
        jobId,
      });
      if (!started) throw conflict('import_started', 'This import has already started');
    });
    return presentImport((await repo.find(ctx.db, id)) as ImportRow);
  },

  async get(ctx: Ctx, id: string) {
    return presentImport(await loadVisible(ctx, id));
  },

  async list(ctx: Ctx, q: ImportListQuery) {
    if (q.entity) assertCan(ctx.actor, IMPORTERS[q.entity].module, 'create');
    const rows = await repo.list(ctx.db, ctx.actor, q);
    const page = rows.slice(0, q.limit);
    return { items: page.map(presentImport), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
  },

  /**
   * Stops an import: one not yet running ends now; a running one ends before its next batch
   * (batches already committed stay, and the report and counts say what was done).
   */
  async cancel(ctx: Ctx, id: string) {
    const imp = await loadVisible(ctx, id);
    if (imp.status === 'done' || imp.status === 'failed' || imp.status === 'cancelled') throw conflict('import_finished', 'This import has already ended');
    await repo.setStatus(ctx.db, id, ['uploaded', 'queued', 'running'], { cancelRequested: 1 });
    if (imp.status !== 'running') {
      if (imp.jobId) await cancelJob(ctx.db, imp.jobId);
      await finishImport(ctx.db, imp, 'cancelled');
    }
    return presentImport((await repo.find(ctx.db, id)) as ImportRow);
  },

  /** The validation report as CSV rows (row, column, reason), streamed in pages. */
  async report(ctx: Ctx, id: string): Promise<AsyncGenerator<string>> {
    const imp = await loadVisible(ctx, id);
    if (imp.status === 'uploaded') throw new AppError('import_not_started', 'This import has not started', 409);
    return reportLines(ctx, id);
  },
};

async function* reportLines(ctx: Ctx, id: string): AsyncGenerator<string> {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    // A leading =, +, - or @ would run as a formula when the report is opened in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  yield '\uFEFFrow,column,reason\r\n';
  let after = { row: 0, seq: 0 };
  for (;;) {
    const page = await repo.errorsAfter(ctx.db, id, after, 1000);
    if (page.length === 0) return;
    yield page.map((e) => `${e.row},${cell(e.column)},${cell(e.reason)}\r\n`).join('');
    after = page[page.length - 1];
  }
}
