import fs from 'node:fs';
import path from 'node:path';
import { DUPLICATE_MODES, type DuplicateMode, IMPORT_ENTITIES, type ImportEntity, ImportMappingSchema } from '../../../shared/schemas/imports.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import type { ImportRow } from '../../db/schema.js';
import { loadIdentity, parsePermissions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { rolesService } from '../roles/roles.service.js';
import { usersService } from '../users/users.service.js';
import { importsService, presentImport } from './imports.service.js';
import { runImport } from './run-import.js';

export interface ImportCommandOptions {
  entity?: string;
  as?: string;
  duplicates?: string;
  mapping?: string;
  resume?: string;
}

interface Out {
  write(s: string): boolean;
  isTTY?: boolean;
}

async function ctxFor(db: Db, config: Config, email: string | undefined): Promise<Ctx> {
  let userId: string | undefined;
  if (email) userId = (await usersService.findLoginCandidate(db, email.trim().toLowerCase()))?.id;
  else {
    const roleId = await rolesService.builtinId(db, 'admin');
    userId = roleId
      ? (
          await db
            .selectFrom('users')
            .select('id')
            .where('roleId', '=', roleId)
            .where('deletedAt', 'is', null)
            .where('deactivatedAt', 'is', null)
            .orderBy('createdAt')
            .executeTakeFirst()
        )?.id
      : undefined;
  }
  if (!userId) throw new Error(email ? `No user with the e-mail ${email}` : 'There is no active administrator; name a user with --as');
  const identity = await loadIdentity(db, userId);
  if (!identity) throw new Error(`${email ?? 'The administrator'} is deactivated or has no role`);
  return { db, config, actor: { userId, teamId: identity.teamId, teamPath: identity.teamPath, permissions: parsePermissions(identity.permissions), ip: null } };
}

function bar(r: ImportRow): string {
  const done = r.rowsCreated + r.rowsUpdated + r.rowsSkipped + r.rowsFailed;
  const total = r.totalRows ?? 0;
  const share = total > 0 ? Math.min(done / total, 1) : 0;
  const width = 30;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows  ${r.rowsFailed.toLocaleString('en')} failed`;
}

/**
 * `guanxi import --entity organizations FILE`: the same upload, mapping guess, rules and batches as
 * the web import, run in this process with a progress bar. If it is stopped, the queued job resumes
 * it in the server (or `--resume <id>` here) from the last committed batch.
 */
export async function importCommand(db: Db, config: Config, file: string | undefined, opts: ImportCommandOptions, out: Out): Promise<ImportRow> {
  const ctx = await ctxFor(db, config, opts.as);
  let id = opts.resume;
  if (!id) {
    if (!file) throw new Error('Name the file to import');
    if (!opts.entity || !(IMPORT_ENTITIES as readonly string[]).includes(opts.entity)) throw new Error(`--entity must be one of ${IMPORT_ENTITIES.join(', ')}`);
    const mode = (opts.duplicates ?? 'skip') as DuplicateMode;
    if (!DUPLICATE_MODES.includes(mode)) throw new Error(`--duplicates must be one of ${DUPLICATE_MODES.join(', ')}`);
    const started = Date.now();
    const uploaded = await importsService.upload(ctx, opts.entity as ImportEntity, path.basename(file), fs.createReadStream(file), Number.MAX_SAFE_INTEGER);
    id = uploaded.import.id;
    const mapping = opts.mapping ? ImportMappingSchema.parse(JSON.parse(opts.mapping)) : uploaded.guessedMapping;
    const headers = uploaded.import.headers;
    out.write(
      `Import ${id}: ${uploaded.import.format.toUpperCase()}, ${uploaded.import.encoding}, stored in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    for (const [column, key] of Object.entries(mapping)) out.write(`  ${headers[Number(column)]} → ${key}\n`);
    await importsService.start(ctx, id, { mapping, duplicateMode: mode });
  }
  const began = Date.now();
  let lastLine = 0;
  await runImport(db, config, id, {
    afterBatch: (r) => {
      if (out.isTTY) out.write(`\r${bar(r)}`);
      else if (Date.now() - lastLine > 5000) {
        lastLine = Date.now();
        out.write(`${bar(r)}\n`);
      }
    },
  });
  const final = (await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as ImportRow;
  const p = presentImport(final);
  out.write(`${out.isTTY ? '\r' : ''}${bar(final)}\n`);
  out.write(
    `${p.status}: ${p.rowsCreated} created, ${p.rowsUpdated} updated, ${p.rowsSkipped} skipped, ${p.rowsFailed} failed in ${((Date.now() - began) / 1000).toFixed(1)} s\n`,
  );
  if (p.rowsFailed > 0) out.write(`Report: GET /api/imports/${id}/report.csv\n`);
  return final;
}
