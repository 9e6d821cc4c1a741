import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import type { ExportFormat } from '../../../shared/schemas/exports.js';
import { type Cell, safeCell } from './formula.js';

/** The reader went away (closed the download, the file stream failed): stop reading the database. */
export class ExportAborted extends Error {
  constructor() {
    super('The export was aborted');
    this.name = 'ExportAborted';
  }
}

/**
 * Resolves once `out` has room again. Each batch waits here, so a slow reader holds the export
 * back instead of the file piling up in memory; a closed reader rejects, which ends the export.
 */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAborted());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (ok: boolean) => () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      ok ? resolve() : reject(new ExportAborted());
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}

/** Writes header and rows of one sheet to a stream, escaping every text cell (formula.ts). */
export interface SheetWriter {
  header(labels: string[]): Promise<void>;
  rows(rows: Cell[][]): Promise<void>;
  /** Finishes the file and resolves when `out` has taken all of it. */
  end(): Promise<void>;
}

const CSV_OPTIONS = { record_delimiter: 'windows', cast: { number: (v: number) => String(v) } } as const;

/**
 * RFC 4180 (CRLF, fields with comma, quote or line break quoted, quotes doubled), UTF-8 with a
 * byte-order mark: without it Excel reads the file in the system code page and Chinese turns
 * into mojibake.
 */
function csvWriter(out: Writable): SheetWriter {
  const write = async (text: string) => {
    if (out.destroyed) throw new ExportAborted();
    out.write(text);
    await drained(out);
  };
  return {
    header: (labels) => write(`\uFEFF${stringify([labels.map(safeCell)], CSV_OPTIONS)}`),
    rows: (rows) =>
      write(
        stringify(
          rows.map((r) => r.map(safeCell)),
          CSV_OPTIONS,
        ),
      ),
    end: () => new Promise((resolve) => out.end(resolve)),
  };
}

/** What exceljs pipes a sheet into: an older readable-stream Writable, which lacks writableNeedDrain. */
interface LegacyWritable extends NodeJS.EventEmitter {
  _writableState?: { needDrain?: boolean };
}

/**
 * exceljs hands committed rows to the zip without waiting, and deflating is slower than reading
 * rows, so without this the uncompressed sheet would pile up in memory. Waits while the zip's
 * input is over its mark (or rejects when the reader of `out` is gone, which stalls the zip).
 */
function zipCaughtUp(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const input = (sheet as unknown as { stream?: { pipes?: LegacyWritable[] } }).stream?.pipes?.[0];
  if (!input?._writableState?.needDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (ok: boolean) => () => {
      input.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      ok ? resolve() : reject(new ExportAborted());
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    input.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}

/**
 * exceljs' streaming writer: each committed row goes straight into the zip. Inline strings rather
 * than a shared-string table, which would grow with every distinct value of a million rows. Text
 * is stored as string cells (never formulas) and escaped as in the CSV, so the file stays safe
 * after someone saves it as CSV again.
 */
function xlsxWriter(out: Writable, sheetName: string): SheetWriter {
  // exceljs is loaded on the first XLSX export, not at server start (it is the heaviest module to load).
  let opened: Promise<{ book: ExcelJS.stream.xlsx.WorkbookWriter; sheet: ExcelJS.Worksheet }> | undefined;
  const open = () => {
    opened ??= import('exceljs').then(({ default: excel }) => {
      const book = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      return { book, sheet: book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] }) };
    });
    return opened;
  };
  const add = (sheet: ExcelJS.Worksheet, cells: Cell[]) => sheet.addRow(cells.map(safeCell)).commit();
  return {
    async header(labels) {
      add((await open()).sheet, labels);
      await drained(out);
    },
    async rows(rows) {
      if (out.destroyed) throw new ExportAborted();
      const { sheet } = await open();
      for (const r of rows) add(sheet, r);
      await zipCaughtUp(sheet, out);
      await drained(out);
    },
    async end() {
      const { book, sheet } = await open();
      sheet.commit();
      await book.commit();
    },
  };
}

export function sheetWriter(format: ExportFormat, out: Writable, sheetName: string): SheetWriter {
  return format === 'csv' ? csvWriter(out) : xlsxWriter(out, sheetName);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
