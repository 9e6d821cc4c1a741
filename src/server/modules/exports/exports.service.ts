import type { Writable } from 'node:stream';
import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import type { ExportFormat, ExportLanguage, ExportQuery } from '../../../shared/schemas/exports.js';
import type { ViewEntity } from '../../../shared/schemas/views.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { contactsService } from '../contacts/contacts.service.js';
import { customFieldsService } from '../custom-fields/custom-fields.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { teamsService } from '../teams/teams.service.js';
import { usersService } from '../users/users.service.js';
import { type ExportColumn, type ExportRecord, type Lookups, resolveColumns, timeFormatter } from './columns.js';
import { SHEET_LABELS } from './labels.js';
import { CONTENT_TYPES, sheetWriter } from './writers.js';

/** Rows per keyset page: big enough that per-page queries are cheap, small enough to stay a few MB. */
export const EXPORT_BATCH = 1000;

type Page = { items: ExportRecord[]; nextCursor: string | null };
type ListParams = { q?: string; filter?: string; sort?: string; limit: number; cursor?: string };

/**
 * The list service itself, not a copy of its query: an export holds exactly the records, in the
 * order, that the actor's list shows (scope, filters, search, sort), page after keyset page.
 */
const LISTS: Record<ViewEntity, (ctx: Ctx, q: ListParams) => Promise<Page>> = {
  organizations: (ctx, q) => organizationsService.list(ctx, q) as Promise<{ items: Organization[]; nextCursor: string | null }>,
  contacts: (ctx, q) => contactsService.list(ctx, q) as Promise<{ items: Contact[]; nextCursor: string | null }>,
};

/** Owner, team and user-field names of one page: two queries per page, never one per row. */
async function lookupsOf(ctx: Ctx, items: ExportRecord[], columns: ExportColumn[]): Promise<Lookups> {
  const userIds = columns.flatMap((c) => (c.userIds ? items.flatMap(c.userIds) : [])).filter((id): id is string => !!id);
  const teamIds = columns.some((c) => c.key === 'teamId') ? items.map((r) => r.teamId).filter((id): id is string => !!id) : [];
  const [users, teams] = await Promise.all([usersService.namesOf(ctx, userIds), teamsService.namesOf(ctx, teamIds)]);
  return { users, teams };
}

const stamp = (d: Date) => d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export interface PreparedExport {
  /** ASCII name for old clients and the UTF-8 name (in the caller's language) for filename*. */
  filename: { ascii: string; utf8: string };
  contentType: string;
  /** Streams the file into `out` (ending it) and audits the export; resolves with the number of rows. */
  run(out: Writable, onProgress?: (rows: number) => void): Promise<number>;
}

export const exportsService = {
  /**
   * Checks everything that can be wrong with the request and reads the first page, so a bad filter,
   * sort, column or a missing permission answers 4xx before a byte of the file is sent.
   */
  async prepare(
    ctx: Ctx,
    entity: ViewEntity,
    q: ExportQuery,
    lang: ExportLanguage,
    opts: { batchSize?: number; via?: 'api' | 'cli' } = {},
  ): Promise<PreparedExport> {
    assertCan(ctx.actor, entity, 'read');
    assertCan(ctx.actor, entity, 'export');
    const time = timeFormatter(q.tz);
    const { fields } = await customFieldsService.catalog(ctx, entity);
    const columns = resolveColumns({ entity, lang, time }, q.columns, fields);
    const limit = opts.batchSize ?? EXPORT_BATCH;
    const read = (cursor?: string) => LISTS[entity](ctx, { q: q.q, filter: q.filter, sort: q.sort, limit, ...(cursor && { cursor }) });
    const first = await read();
    const format: ExportFormat = q.format;
    const at = stamp(new Date());
    return {
      filename: { ascii: `${entity}-${at}.${format}`, utf8: `${SHEET_LABELS[entity][lang]}-${at}.${format}` },
      contentType: CONTENT_TYPES[format],
      async run(out, onProgress) {
        let rows = 0;
        let recorded = false;
        // One entry per export, naming what left the system and how many rows.
        const record = (completed: boolean) => {
          recorded = true;
          return audit(ctx.db, {
            actorId: ctx.actor.userId,
            ip: ctx.actor.ip,
            action: 'export',
            entityType: entity,
            entityId: null,
            meta: {
              format,
              rows,
              completed,
              via: opts.via ?? 'api',
              columns: columns.map((c) => c.key),
              ...(q.filter && { filter: JSON.parse(q.filter) }),
              ...(q.q && { q: q.q }),
              ...(q.sort && { sort: q.sort }),
            },
          });
        };
        try {
          const writer = sheetWriter(format, out, SHEET_LABELS[entity][lang]);
          await writer.header(columns.map((c) => c.header));
          let page = first;
          for (;;) {
            // The next page is read while this one is written (PostgreSQL answers meanwhile).
            const next = page.nextCursor ? read(page.nextCursor) : undefined;
            next?.catch(() => undefined);
            const names = await lookupsOf(ctx, page.items, columns);
            await writer.rows(page.items.map((r) => columns.map((c) => c.value(r, names))));
            rows += page.items.length;
            onProgress?.(rows);
            if (!next) break;
            page = await next;
          }
          // Recorded before the last bytes go out, so no one holds a complete file that the log lacks.
          await record(true);
          await writer.end();
          return rows;
        } catch (err) {
          if (!recorded) await record(false).catch(() => undefined);
          throw err;
        }
      },
    };
  },
};
