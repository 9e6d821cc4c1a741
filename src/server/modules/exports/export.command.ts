import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FORMATS, EXPORT_LANGUAGES, type ExportFormat, type ExportLanguage, type ExportQuery } from '../../../shared/schemas/exports.js';
import { type ViewEntity, ViewEntitySchema } from '../../../shared/schemas/views.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { loadIdentity, parsePermissions } from '../../platform/auth/sessions.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { rolesService } from '../roles/roles.service.js';
import { usersService } from '../users/users.service.js';
import { viewsService } from '../views/views.service.js';
import { exportsService } from './exports.service.js';

export interface ExportCommandOptions {
  entity: string;
  view?: string;
  format?: string;
  as?: string;
  lang?: string;
}

/** The first administrator by creation, for a CLI run that names nobody. */
async function firstAdminId(db: Db): Promise<string | undefined> {
  const roleId = await rolesService.builtinId(db, 'admin');
  if (!roleId) return undefined;
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('roleId', '=', roleId)
    .where('deletedAt', 'is', null)
    .where('deactivatedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}

/** The CLI acts as a real user, with that user's role and scope, so a CLI export sees what their list sees. */
async function actorFor(db: Db, email: string | undefined): Promise<Actor> {
  const userId = email ? (await usersService.findLoginCandidate(db, email.trim().toLowerCase()))?.id : await firstAdminId(db);
  if (!userId) throw new Error(email ? `No user with the e-mail ${email}` : 'There is no active administrator; name a user with --as');
  const identity = await loadIdentity(db, userId);
  if (!identity) throw new Error(`${email ?? 'The administrator'} is deactivated or has no role`);
  return { userId, teamId: identity.teamId, teamPath: identity.teamPath, permissions: parsePermissions(identity.permissions), ip: null };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** Filters, sort, search and columns of a saved view, as the export endpoint's parameters. */
async function viewQuery(ctx: Ctx, entity: ViewEntity, id: string): Promise<Partial<ExportQuery>> {
  const view = await viewsService.get(ctx, id);
  if (view.entity !== entity) throw new Error(`View ${id} is a view of ${view.entity}, not ${entity}`);
  const c = view.config;
  return {
    ...(c.filters.length > 0 && { filter: JSON.stringify(c.filters) }),
    ...(c.sort && { sort: c.sort }),
    ...(c.q && { q: c.q }),
    ...(c.columns.length > 0 && { columns: c.columns.join(',') }),
  };
}

/**
 * `guanxi export --entity organizations|contacts [--view ID] [--format csv|xlsx] [--as EMAIL] FILE`.
 * Writes beside FILE and renames at the end, so an interrupted run never leaves a half file under
 * the real name. Progress goes to `progress` (stderr), the file's rows are counted as they go.
 */
export async function exportCommand(db: Db, config: Config, file: string, opts: ExportCommandOptions, progress: NodeJS.WritableStream): Promise<number> {
  const entity = ViewEntitySchema.safeParse(opts.entity);
  if (!entity.success) throw new Error('--entity must be organizations or contacts');
  const target = path.resolve(file);
  const format: ExportFormat = oneOf(opts.format ?? (target.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'), EXPORT_FORMATS, '--format');
  const lang: ExportLanguage = oneOf(opts.lang ?? (process.env.LANG?.startsWith('zh') ? 'zh-CN' : 'en'), EXPORT_LANGUAGES, '--lang');
  const ctx: Ctx = { db, config, actor: await actorFor(db, opts.as) };
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    const query: ExportQuery = { format, tz, ...(opts.view ? await viewQuery(ctx, entity.data, opts.view) : {}) };
    const prepared = await exportsService.prepare(ctx, entity.data, query, lang, { via: 'cli' });
    const partial = `${target}.part`;
    const started = Date.now();
    const out = fs.createWriteStream(partial);
    try {
      const rows = await prepared.run(out, (n) => progress.write(`\rExporting ${entity.data}: ${n.toLocaleString('en')} rows`));
      fs.renameSync(partial, target);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      progress.write(`\rExported ${rows.toLocaleString('en')} ${entity.data} to ${target} in ${seconds} s\n`);
      return rows;
    } catch (err) {
      out.destroy();
      fs.rmSync(partial, { force: true });
      throw err;
    }
  } catch (err) {
    // The API's errors name the bad parameter in `fields`; a terminal user needs to see it too.
    if (err instanceof AppError) {
      const details = Object.entries(err.fields ?? {}).map(([k, v]) => `${k}: ${v}`);
      throw new Error([err.message, ...details].join('; '));
    }
    throw err;
  }
}
