import { sql } from 'kysely';
import type { ExpansionCardListQuery } from '../../../shared/schemas/expansion-cards.js';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, decodeCursor, encodeCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { containsText } from '../../platform/text-match.js';
import { cardVisibleTo } from './card-visibility.js';
import type { CardItemRow, CardReviewRow, ExpansionCardRow, ExpansionCardUpdateRow, KeyDateRow, NewExpansionCard } from './expansion-cards.tables.js';

export const CARD_SORT_COLUMNS = {
  updatedAt: 'expansionCards.updatedAt',
  createdAt: 'expansionCards.createdAt',
  title: 'expansionCards.title',
  nextReviewOn: { column: 'expansionCards.nextReviewOn', nullable: true },
};

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('expansionCards')
    .where(cardVisibleTo(actor))
    .where('expansionCards.deletedAt', deleted ? 'is not' : 'is', null);
}

export type ChildRows = { keyDates: KeyDateRow[]; items: CardItemRow[]; reviews: CardReviewRow[] };

export const expansionCardsRepository = {
  async list(db: Db, actor: Actor, q: ExpansionCardListQuery, keys: SortKey[], today: string) {
    const filtered = visible(db, actor)
      .$if(q.relation === 'mine', (qb) => qb.where('expansionCards.ownerId', '=', actor.userId))
      .$if(q.relation === 'sponsored', (qb) => qb.where('expansionCards.sponsorId', '=', actor.userId))
      // Visible cards neither owned nor sponsored by the actor are exactly those of the teams they manage.
      .$if(q.relation === 'reports', (qb) =>
        qb
          .where('expansionCards.ownerId', '!=', actor.userId)
          .where((eb) => eb.or([eb('expansionCards.sponsorId', 'is', null), eb('expansionCards.sponsorId', '!=', actor.userId)])),
      )
      .$if(!!q.organizationId, (qb) => qb.where('expansionCards.organizationId', '=', q.organizationId as string))
      .$if(!!q.status, (qb) => qb.where('expansionCards.status', '=', q.status as string))
      .$if(!!q.dueForReview, (qb) => qb.where('expansionCards.status', '=', 'active').where('expansionCards.nextReviewOn', '<=', today))
      .$if(!!q.q, (qb) => qb.where(containsText('expansionCards.title', q.q as string)));
    const rows = await orderBy(
      filtered.selectAll('expansionCards').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<ExpansionCardRow | undefined> {
    return visible(db, actor, opts).selectAll('expansionCards').where('expansionCards.id', '=', id).executeTakeFirst();
  },

  /** Active cards due for review (next review on or before `today`), soonest first. */
  dueForReview(db: Db, actor: Actor, today: string, limit: number): Promise<ExpansionCardRow[]> {
    return visible(db, actor)
      .selectAll('expansionCards')
      .where('expansionCards.status', '=', 'active')
      .where('expansionCards.nextReviewOn', '<=', today)
      .orderBy('expansionCards.nextReviewOn')
      .orderBy('expansionCards.id')
      .limit(limit)
      .execute();
  },

  /** Key dates of the active cards the actor may see, with their cards. */
  visibleKeyDates(db: Db, actor: Actor) {
    return visible(db, actor)
      .innerJoin('expansionCardKeyDates as kd', 'kd.cardId', 'expansionCards.id')
      .where('expansionCards.status', '=', 'active')
      .select([
        'kd.id',
        'kd.kind',
        'kd.label',
        'kd.date',
        'kd.yearly',
        'expansionCards.id as cardId',
        'expansionCards.title as cardTitle',
        'expansionCards.organizationId',
        'expansionCards.targetContactId',
      ])
      .execute();
  },

  insert(db: Db, row: NewExpansionCard): Promise<ExpansionCardRow> {
    return db.insertInto('expansionCards').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: ExpansionCardUpdateRow): Promise<ExpansionCardRow | undefined> {
    return db
      .updateTable('expansionCards')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  async children(db: Db, cardIds: string[]): Promise<Map<string, ChildRows>> {
    const out = new Map<string, ChildRows>(cardIds.map((id) => [id, { keyDates: [], items: [], reviews: [] }]));
    if (cardIds.length === 0) return out;
    const [dates, items, reviews] = await Promise.all([
      db.selectFrom('expansionCardKeyDates').selectAll().where('cardId', 'in', cardIds).orderBy('sortOrder').execute(),
      db.selectFrom('expansionCardItems').selectAll().where('cardId', 'in', cardIds).orderBy('sortOrder').execute(),
      db.selectFrom('expansionCardReviews').selectAll().where('cardId', 'in', cardIds).orderBy('reviewedOn', 'desc').orderBy('id', 'desc').execute(),
    ]);
    for (const r of dates) out.get(r.cardId)?.keyDates.push(r);
    for (const r of items) out.get(r.cardId)?.items.push(r);
    for (const r of reviews) out.get(r.cardId)?.reviews.push(r);
    return out;
  },

  /**
   * Replaces a card's key dates, keeping the reminder claim of a date that did not change (same kind,
   * label and day), so an unrelated edit does not make a reminder go out twice.
   */
  async replaceKeyDates(db: Db, cardId: string, dates: { id: string; kind: string; label: string; date: string; yearly: number }[]) {
    const old = await db.selectFrom('expansionCardKeyDates').selectAll().where('cardId', '=', cardId).execute();
    const claimOf = (d: { date: string; yearly: number }) => old.find((o) => o.date === d.date && o.yearly === d.yearly)?.remindedFor ?? null;
    await db.deleteFrom('expansionCardKeyDates').where('cardId', '=', cardId).execute();
    if (dates.length === 0) return;
    await db
      .insertInto('expansionCardKeyDates')
      .values(dates.map((d, i) => ({ ...d, cardId, remindedFor: claimOf(d), sortOrder: i })))
      .execute();
  },

  async replaceItems(db: Db, cardId: string, kind: string, items: { id: string; text: string; ownerId: string | null; dueOn: string | null; done: number }[]) {
    await db.deleteFrom('expansionCardItems').where('cardId', '=', cardId).where('kind', '=', kind).execute();
    if (items.length === 0) return;
    await db
      .insertInto('expansionCardItems')
      .values(items.map((it, i) => ({ ...it, cardId, kind, sortOrder: i })))
      .execute();
  },

  insertReview(db: Db, row: CardReviewRow): Promise<CardReviewRow> {
    return db.insertInto('expansionCardReviews').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Which users manage (through team_managers) the team of `ownerId` or a team above it. */
  async managersOf(db: Db, ownerId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('users as o')
      .innerJoin('teams as ot', 'ot.id', 'o.teamId')
      .innerJoin('teams as mt', (j) => j.on(sql<boolean>`ot.path like mt.path || '%'`))
      .innerJoin('teamManagers as tm', 'tm.teamId', 'mt.id')
      .select('tm.userId')
      .where('o.id', '=', ownerId)
      .execute();
    return rows.map((r) => r.userId);
  },

  /** Whether the contact works at the organization (the target person must be one of its people). */
  async contactAtOrganization(db: Db, contactId: string, organizationId: string): Promise<boolean> {
    const row = await db
      .selectFrom('contactOrganizations')
      .innerJoin('contacts', 'contacts.id', 'contactOrganizations.contactId')
      .select('contactOrganizations.contactId')
      .where('contactOrganizations.contactId', '=', contactId)
      .where('contactOrganizations.organizationId', '=', organizationId)
      .where('contacts.deletedAt', 'is', null)
      .executeTakeFirst();
    return !!row;
  },

  /** Key dates of live, active cards, for the daily reminder scan (a system job: no actor). */
  allActiveKeyDates(db: Db, afterId: string, limit: number) {
    return db
      .selectFrom('expansionCardKeyDates as kd')
      .innerJoin('expansionCards as c', 'c.id', 'kd.cardId')
      .select(['kd.id', 'kd.date', 'kd.yearly', 'kd.remindedFor', 'c.remindDaysBefore'])
      .where('c.deletedAt', 'is', null)
      .where('c.status', '=', 'active')
      .where('kd.id', '>', afterId)
      .orderBy('kd.id')
      .limit(limit)
      .execute();
  },

  /**
   * Claims the reminder of one occurrence of a key date. The conditional UPDATE lets exactly one app
   * server win; a date already reminded for this occurrence (or a later one) stays as it is.
   */
  claimKeyDate(db: Db, id: string, occurrence: string) {
    return db
      .updateTable('expansionCardKeyDates')
      .set({ remindedFor: occurrence })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('remindedFor', 'is', null), eb('remindedFor', '<', occurrence)]))
      .returningAll()
      .executeTakeFirst();
  },

  findCard(db: Db, id: string): Promise<ExpansionCardRow | undefined> {
    return db.selectFrom('expansionCards').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listDeleted(db: Db, actor: Actor, page: { limit: number; cursor?: string }) {
    let q = visible(db, actor, { deleted: true }).select(['expansionCards.id', 'expansionCards.title', 'expansionCards.deletedAt', 'expansionCards.deletedBy']);
    if (page.cursor) {
      const [at, id] = decodeCursor(page.cursor, 2) as [string, string];
      q = q.where((eb) =>
        eb.or([eb('expansionCards.deletedAt', '<', at), eb.and([eb('expansionCards.deletedAt', '=', at), eb('expansionCards.id', '<', id)])]),
      );
    }
    const rows = await q
      .orderBy('expansionCards.deletedAt', 'desc')
      .orderBy('expansionCards.id', 'desc')
      .limit(page.limit + 1)
      .execute();
    const items = rows.slice(0, page.limit).map((r) => ({ id: r.id, title: r.title, deletedAt: r.deletedAt as string, deletedBy: r.deletedBy }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit ? encodeCursor([last.deletedAt, last.id]) : null };
  },
};
