import type { Writable } from 'node:stream';
import type { ExportFormat, ExportLanguage } from '../../../shared/schemas/exports.js';
import type { SalesReport } from '../../../shared/schemas/reports.js';
import type { Cell } from '../exports/formula.js';
import { sheetWriter } from '../exports/writers.js';
import { COLUMN_LABELS, REPORT_TITLES } from './reports.labels.js';

/** The file name of an exported report: ASCII for old clients, the title in the user's language for the rest. */
export function reportFilename(report: SalesReport, format: ExportFormat, lang: ExportLanguage) {
  const stem = `${report.from}_${report.to}_${report.currency}.${format}`;
  return { ascii: `sales-${report.report}_${stem}`, utf8: `${REPORT_TITLES[report.report][lang]}_${stem}` };
}

/**
 * The report's table as CSV or XLSX, through the list exports' writers (formula escaping included).
 * Money stays the decimal text the API returns: a number cell would go through floating point in
 * the spreadsheet's parser anyway, and the text keeps every cent as computed.
 */
export async function writeReport(report: SalesReport, format: ExportFormat, lang: ExportLanguage, out: Writable): Promise<void> {
  const writer = sheetWriter(format, out, REPORT_TITLES[report.report][lang].slice(0, 31));
  await writer.header(report.columns.map((c) => COLUMN_LABELS[c.key]?.[lang] ?? c.key));
  const cells: Cell[][] = report.rows.map((row) => report.columns.map((c) => row[c.key] ?? null));
  await writer.rows(cells);
  await writer.end();
}
