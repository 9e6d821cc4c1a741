import type { AuditListQuery } from '../../../shared/schemas/audit.js';
import type { Db } from '../../db/connection.js';
import type { AuditRow } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { uuidv7Floor } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';

type Filters = Omit<AuditListQuery, 'limit' | 'cursor' | 'total'>;

/** Newest first by id: UUIDv7 ids are ordered by time, so no separate sort key is needed. */
export const auditRepository = {
  async list(db: Db, actor: Actor | null, f: Filters, page: { limit: number; cursor?: string }) {
    const rows: AuditRow[] = await db
      .selectFrom('auditLog')
      .selectAll()
      // null actor = the caller was already authorized for the one record asked about
      .$if(actor !== null, (q) => q.where(scopeFilter(actor as Actor, 'audit', { owner: 'auditLog.actorId' })))
      .$if(!!f.entityType, (q) => q.where('entityType', '=', f.entityType as string))
      .$if(!!f.entityId, (q) => q.where('entityId', '=', f.entityId as string))
      .$if(!!f.actorId, (q) => q.where('actorId', '=', f.actorId as string))
      .$if(!!f.action, (q) => q.where('action', '=', f.action as string))
      // Ids are UUIDv7, so a time range is a primary-key range: no index on `at` needed.
      .$if(!!f.from, (q) => q.where('id', '>=', uuidv7Floor(f.from as string)))
      .$if(!!f.to, (q) => q.where('id', '<', uuidv7Floor(f.to as string)))
      .$if(!!page.cursor, (q) => q.where('id', '<', String(decodeCursor(page.cursor as string, 1)[0])))
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    const items = rows.slice(0, page.limit);
    return { rows: items, nextCursor: rows.length > page.limit ? encodeCursor([items[items.length - 1].id]) : null };
  },
};
