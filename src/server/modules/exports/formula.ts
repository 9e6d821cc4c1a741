/**
 * Spreadsheet programs run a cell that starts with = + - @ (and, after trimming, tab or CR) as a
 * formula, so a customer named `=HYPERLINK("http://evil","click")` would become a live link or
 * worse in whoever opens the export (CSV injection, OWASP). A leading apostrophe makes the cell
 * plain text in Excel, WPS and LibreOffice; the value stays readable.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell as written: text is escaped, numbers stay numbers, empty is empty. */
export type Cell = string | number | null;

export function safeCell(value: Cell): Cell {
  return typeof value === 'string' ? escapeFormula(value) : value;
}
