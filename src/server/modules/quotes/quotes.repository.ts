import type { ExpressionBuilder } from 'kysely';
import type { QuoteListQuery, QuoteStatus } from '../../../shared/schemas/quotes.js';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { cappedCount } from '../../platform/list-filters.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';
import type { NewQuote, NewQuoteLine, QuoteLineRow, QuoteRow, QuoteUpdateRow } from './quotes.tables.js';

/** A quote belongs to its owner and the owner's team, like an organization. */
export const QUOTE_SCOPE = { owner: 'quotes.ownerId', team: 'quotes.teamId' };
export const QUOTE_SORT_COLUMNS = {
  createdAt: 'quotes.createdAt',
  updatedAt: 'quotes.updatedAt',
  number: 'quotes.number',
  total: 'quotes.totalMinor',
  validUntil: { column: 'quotes.validUntil', nullable: true },
};

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('quotes')
    .where(scopeFilter(actor, 'quotes', QUOTE_SCOPE))
    .where('quotes.deletedAt', deleted ? 'is not' : 'is', null);
}

/**
 * Status as the API reports it: a sent quote whose last valid day is before `today` is expired
 * (computed on read, so no job has to flip rows at midnight and lists filter the same way).
 */
function statusIs(eb: ExpressionBuilder<Database, 'quotes'>, statuses: QuoteStatus[], today: string) {
  const ors = [];
  const plain = statuses.filter((s) => s !== 'sent' && s !== 'expired');
  if (plain.length > 0) ors.push(eb('quotes.status', 'in', plain));
  if (statuses.includes('sent')) {
    ors.push(eb.and([eb('quotes.status', '=', 'sent'), eb.or([eb('quotes.validUntil', 'is', null), eb('quotes.validUntil', '>=', today)])]));
  }
  if (statuses.includes('expired')) {
    ors.push(eb('quotes.status', '=', 'expired'), eb.and([eb('quotes.status', '=', 'sent'), eb('quotes.validUntil', '<', today)]));
  }
  return eb.or(ors);
}

export const quotesRepository = {
  async list(db: Db, actor: Actor, q: QuoteListQuery, keys: SortKey[], today: string) {
    const filtered = visible(db, actor)
      .$if(!q.allVersions, (qb) => qb.where('quotes.supersededById', 'is', null))
      .$if(!!q.status, (qb) => qb.where((eb) => statusIs(eb, q.status as QuoteStatus[], today)))
      .$if(!!q.organizationId, (qb) => qb.where('quotes.organizationId', '=', q.organizationId as string))
      .$if(!!q.contactId, (qb) => qb.where('quotes.contactId', '=', q.contactId as string))
      .$if(!!q.opportunityId, (qb) => qb.where('quotes.opportunityId', '=', q.opportunityId as string))
      .$if(!!q.ownerId, (qb) => qb.where('quotes.ownerId', '=', q.ownerId as string))
      .$if(!!q.q, (qb) =>
        qb.where((eb) =>
          eb.or([
            containsText('quotes.number', q.q as string),
            eb(
              'quotes.organizationId',
              'in',
              eb
                .selectFrom('organizations')
                .select('organizations.id')
                .where(containsText('organizations.name', q.q as string)),
            ),
          ]),
        ),
      );
    const rows = await orderBy(
      filtered.selectAll('quotes').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    return { rows, ...(q.total ? await cappedCount(db, filtered) : {}) };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<QuoteRow | undefined> {
    return visible(db, actor, opts).selectAll('quotes').where('quotes.id', '=', id).executeTakeFirst();
  },

  /** Without scope: for the approval engine's callbacks, which act for the system. */
  find(db: Db, id: string): Promise<QuoteRow | undefined> {
    return db.selectFrom('quotes').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  /** Every live version sharing a number, oldest first. */
  versionsOf(db: Db, number: string): Promise<QuoteRow[]> {
    return db.selectFrom('quotes').selectAll().where('number', '=', number).where('deletedAt', 'is', null).orderBy('revision').execute();
  },

  linesOf(db: Db, quoteId: string): Promise<QuoteLineRow[]> {
    return db.selectFrom('quoteLines').selectAll().where('quoteId', '=', quoteId).orderBy('lineNo').execute();
  },

  async replaceLines(db: Db, quoteId: string, lines: Omit<NewQuoteLine, 'quoteId'>[]): Promise<void> {
    await db.deleteFrom('quoteLines').where('quoteId', '=', quoteId).execute();
    for (let i = 0; i < lines.length; i += 200) {
      await db
        .insertInto('quoteLines')
        .values(lines.slice(i, i + 200).map((l) => ({ ...l, quoteId })))
        .execute();
    }
  },

  /**
   * The next number of a year. The UPDATE … RETURNING takes the counter row's write lock, so
   * concurrent quotes (on several app servers) each get their own value; the first of a year
   * creates the row and a racing creator's insert is ignored.
   */
  async nextNumber(db: Db, year: number): Promise<number> {
    await db
      .insertInto('quoteNumberCounters')
      .values({ year, lastValue: 0 })
      .onConflict((oc) => oc.column('year').doNothing())
      .execute();
    const row = await db
      .updateTable('quoteNumberCounters')
      .set((eb) => ({ lastValue: eb('lastValue', '+', 1) }))
      .where('year', '=', year)
      .returning('lastValue')
      .executeTakeFirstOrThrow();
    return row.lastValue;
  },

  insert(db: Db, row: NewQuote): Promise<QuoteRow> {
    return db.insertInto('quotes').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  update(db: Db, id: string, version: number, changes: QuoteUpdateRow): Promise<QuoteRow | undefined> {
    return db
      .updateTable('quotes')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Marks a version replaced (or live again with null), whatever its version: part of the revising write. */
  setSuperseded(db: Db, id: string, by: string | null, at: string): Promise<QuoteRow | undefined> {
    return db
      .updateTable('quotes')
      .set((eb) => ({ supersededById: by, updatedAt: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  },
};
