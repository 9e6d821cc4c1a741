import { Readable } from 'node:stream';
import chardet from 'chardet';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Rows of an uploaded file, streamed: bytes come from an async source (the stored chunks), are
 * decoded and parsed as they arrive, so memory stays flat whatever the file's size.
 */

export type FileFormat = 'csv' | 'xlsx';

/** ZIP's local file header: every XLSX starts with it, no CSV does. */
export const isZip = (head: Buffer) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

/** Whether `bytes` is valid UTF-8, a cut multi-byte character at the very end allowed (the sample may end mid-character). */
function isUtf8(bytes: Buffer): boolean {
  let end = bytes.length;
  // Back off over at most three continuation bytes and their lead byte, if the sequence is incomplete.
  for (let i = 1; i <= 4 && i <= bytes.length; i++) {
    const b = bytes[bytes.length - i];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > i) end = bytes.length - i;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * The text encoding of a CSV from its first bytes: a BOM says it outright; text that is valid UTF-8
 * is UTF-8 (other encodings of Chinese are almost never valid UTF-8); otherwise chardet guesses, and
 * GB18030 (a superset of GBK and GB2312, what Excel in China writes) is the default.
 */
export function detectEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (isUtf8(head)) return 'utf-8';
  const guess = (chardet.detect(head) ?? '').toLowerCase();
  if (guess === 'big5') return 'big5';
  if (guess.startsWith('shift_jis') || guess === 'euc-jp' || guess === 'euc-kr') return guess;
  return 'gb18030';
}

const decoderName = (encoding: string) => (encoding === 'utf-8-bom' ? 'utf-8' : encoding);

/** A cell as text: dates as YYYY-MM-DD, formulas as their result, rich text and links as their text. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

export interface FileRow {
  /** Row number in the file, the header being row 1. */
  row: number;
  cells: string[];
}

const blankRow = (cells: string[]) => cells.every((c) => c.trim() === '');

async function* csvRows(source: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<FileRow> {
  const parser = Readable.from(source)
    .pipe(iconv.decodeStream(decoderName(encoding)))
    .pipe(parse({ relax_column_count: true, relax_quotes: true, bom: true, skip_empty_lines: true, info: false }));
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row++;
    if (!blankRow(record)) yield { row, cells: record.map((c) => c.trim()) };
  }
}

async function* xlsxRows(source: AsyncIterable<Buffer>): AsyncGenerator<FileRow> {
  // Loaded on the first XLSX import, not at server start.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from(source), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
      // row.values is 1-based: index 0 is always empty.
      const values = (r.values as ExcelJS.CellValue[]).slice(1);
      const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]).trim());
      if (!blankRow(cells)) yield { row: r.number, cells };
    }
    // The first sheet is the data; others (notes, lists for dropdowns) are not rows to import.
    break;
  }
}

/** Every non-blank row of the file, the header row first. */
export function readRows(source: AsyncIterable<Buffer>, format: FileFormat, encoding: string): AsyncGenerator<FileRow> {
  return format === 'xlsx' ? xlsxRows(source) : csvRows(source, encoding);
}
