import type { DuplicateMode, ImportEntity, ImportField } from '../../../shared/schemas/imports.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';

/**
 * What the import machinery needs from a record type. The machinery reads files, maps columns,
 * keeps progress and reports; the record type owns its rules (validation, duplicates, writes).
 * A later module makes its records importable by adding one of these to IMPORTERS (imports.registry.ts).
 */

/** One data row as text, by field key (only mapped, non-empty cells). */
export interface ImportInputRow {
  row: number;
  values: Record<string, string>;
}

/** A row's problem; `field` is a field key (the service turns it into the column header). */
export interface RowProblem {
  row: number;
  field: string | null;
  reason: string;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  skipped: number;
  problems: RowProblem[];
}

export interface Importer<Prepared extends { row: number } = { row: number }> {
  entity: ImportEntity;
  module: ModuleKey;
  /** Built-in fields with their header synonyms (English and Chinese), then the live custom fields. */
  fields(db: Db): Promise<ImportFieldDef[]>;
  /** Turns text rows into checked create inputs: the rows that pass, and a problem per bad cell of the rest. Reads only. */
  prepare(ctx: Ctx, rows: ImportInputRow[]): Promise<{ ok: Prepared[]; problems: RowProblem[] }>;
  /**
   * Writes a batch of prepared rows in `trx` (the caller's transaction, which also moves the import's cursor):
   * duplicates against the database and earlier rows of the file are skipped, updated or created per `mode`.
   * Writes no per-record audit entries; the import is audited once with its counts.
   */
  write(ctx: Ctx, trx: Db, rows: Prepared[], mode: DuplicateMode): Promise<BatchOutcome>;
}

export interface ImportFieldDef extends ImportField {
  /** Header texts that map to this field, compared folded (case, width, spaces and punctuation ignored). */
  synonyms: string[];
}

/** Case, full width, spaces, punctuation and a required-marker "*" do not tell headers apart. */
export const foldHeader = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

/** The column → field mapping guessed from headers: exact synonym matches first, each field used once. */
export function guessMapping(headers: string[], fields: ImportFieldDef[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  const folded = headers.map(foldHeader);
  const candidates = fields.map((f) => ({ key: f.key, names: new Set([f.key, f.label.en, f.label['zh-CN'], ...f.synonyms].map(foldHeader)) }));
  // Exact matches win over "contains" matches, so 手机 goes to phones even when 联系人手机 is also a header.
  for (const exact of [true, false]) {
    folded.forEach((h, i) => {
      if (!h || mapping[i] !== undefined) return;
      const hit = candidates.find(
        (c) => !used.has(c.key) && [...c.names].some((n) => n && (exact ? n === h : n.length >= 2 && (h.includes(n) || (h.length >= 2 && n.includes(h))))),
      );
      if (hit) {
        mapping[i] = hit.key;
        used.add(hit.key);
      }
    });
  }
  return mapping;
}

/** Several values in one cell: "138…, 139…", "a@x.cn；b@y.cn", "VIP、华东". */
export const splitList = (text: string) =>
  text
    .split(/[,;，；、|\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
