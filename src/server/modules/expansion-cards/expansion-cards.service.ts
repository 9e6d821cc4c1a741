import {
  type ExpansionCardCreate,
  type ExpansionCardListQuery,
  type ExpansionCardUpdate,
  emptySponsorFit,
  type UpcomingKeyDate,
} from '../../../shared/schemas/expansion-cards.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { writeSearchDocument } from '../../platform/search/index-writer.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { assertAccountInScope } from '../archives/account-scope.js';
import { contactsService } from '../contacts/contacts.service.js';
import { notificationsService } from '../notifications/notifications.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { competitorWarnings } from './competitor-warning.js';
import { auditableCard, type CardNames, cardLink, presentCard, presentSummary } from './expansion-cards.presenter.js';
import { CARD_SORT_COLUMNS, expansionCardsRepository as repo } from './expansion-cards.repository.js';
import type { ExpansionCardRow } from './expansion-cards.tables.js';
import { addDays, nextOccurrence, todayUtc } from './key-dates.js';

const MODULE = 'key_accounts';
/** Type name in the audit log, the recycle bin and search. */
export const CARD_TYPE = 'expansion_cards';

async function namesFor(ctx: { db: Db }, rows: ExpansionCardRow[], extraUsers: string[] = []): Promise<CardNames> {
  const [users, organizations, contacts] = await Promise.all([
    usersService.namesOf(ctx, [...rows.flatMap((r) => [r.ownerId, ...(r.sponsorId ? [r.sponsorId] : [])]), ...extraUsers]),
    organizationsService.namesOf(
      ctx,
      rows.map((r) => r.organizationId),
    ),
    contactsService.namesOf(
      ctx,
      rows.flatMap((r) => (r.targetContactId ? [r.targetContactId] : [])),
    ),
  ]);
  return { users, organizations, contacts };
}

async function presentFull(ctx: Ctx, row: ExpansionCardRow) {
  const children = (await repo.children(ctx.db, [row.id])).get(row.id) ?? { keyDates: [], items: [], reviews: [] };
  const extra = [...children.items.flatMap((i) => (i.ownerId ? [i.ownerId] : [])), ...children.reviews.map((r) => r.authorId)];
  const names = await namesFor(ctx, [row], extra);
  const warning = row.targetContactId ? ((await competitorWarnings(ctx, row.organizationId)).get(row.targetContactId) ?? null) : null;
  return presentCard(row, children, names, warning, todayUtc());
}

async function loadVisible(ctx: Ctx, id: string): Promise<ExpansionCardRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Expansion card');
  return row;
}

/** Users named on a card must exist and be active. */
async function checkUsers(ctx: Ctx, ids: { field: string; id: string | null | undefined }[], fields: Record<string, string>) {
  for (const { field, id } of ids) {
    if (!id) continue;
    const user = await usersService.findLoginCandidateById(ctx.db, id);
    if (!user || user.deactivatedAt || user.deletedAt) fields[field] = 'No such active user';
  }
}

/** Everything zod cannot judge, in one 400 naming every bad field. */
async function checkFields(ctx: Ctx, organizationId: string, input: Partial<ExpansionCardCreate>) {
  const fields: Record<string, string> = {};
  if (input.targetContactId && !(await repo.contactAtOrganization(ctx.db, input.targetContactId, organizationId))) {
    fields.targetContactId = 'Choose a contact of this organization';
  }
  await checkUsers(
    ctx,
    [{ field: 'sponsorId', id: input.sponsorId }, ...(input.actions ?? []).map((a, i) => ({ field: `actions.${i}.ownerId`, id: a.ownerId }))],
    fields,
  );
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
}

const itemRows = (items: NonNullable<ExpansionCardCreate['actions']>) =>
  items.map((i) => ({ id: newId(), text: i.text, ownerId: i.ownerId ?? null, dueOn: i.dueOn ?? null, done: i.done ? 1 : 0 }));

/** Writes the child lists present in the input (each replaces its list). */
async function writeChildren(trx: Db, cardId: string, input: Partial<ExpansionCardCreate>) {
  if (input.keyDates)
    await repo.replaceKeyDates(
      trx,
      cardId,
      input.keyDates.map((d) => ({ id: newId(), kind: d.kind, label: d.label, date: d.date, yearly: d.yearly ? 1 : 0 })),
    );
  if (input.keyEvents) await repo.replaceItems(trx, cardId, 'key_event', itemRows(input.keyEvents));
  if (input.actions) await repo.replaceItems(trx, cardId, 'action', itemRows(input.actions));
}

/** The card in global search: its title and the target person's name, nothing else. */
async function indexCard(trx: Db, row: ExpansionCardRow) {
  const target = row.targetContactId ? (await contactsService.namesOf({ db: trx }, [row.targetContactId])).get(row.targetContactId) : undefined;
  await writeSearchDocument(trx, CARD_TYPE, row.id, row.deletedAt ? null : { title: row.title, names: target ? [target] : [] });
}

const nullable = <T>(v: T | null | undefined) => (v === undefined ? undefined : (v ?? null));

export const expansionCardsService = {
  async list(ctx: Ctx, q: ExpansionCardListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, CARD_SORT_COLUMNS, 'expansionCards.id', '-updatedAt');
    const { rows, total } = await repo.list(ctx.db, ctx.actor, q, keys, todayUtc());
    const page = toPage(rows, q.limit, keys, (row, field) => row[field as keyof ExpansionCardRow]);
    const names = await namesFor(ctx, page.rows);
    return { items: page.rows.map((r) => presentSummary(r, names)), nextCursor: page.nextCursor, total };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return presentFull(ctx, await loadVisible(ctx, id));
  },

  async create(ctx: Ctx, input: ExpansionCardCreate) {
    await assertAccountInScope(ctx, input.organizationId, 'create');
    await checkFields(ctx, input.organizationId, input);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        organizationId: input.organizationId,
        title: input.title,
        ownerId: ctx.actor.userId,
        targetContactId: input.targetContactId ?? null,
        targetNotes: input.targetNotes || null,
        sponsorId: input.sponsorId ?? null,
        sponsorFit: JSON.stringify(input.sponsorFit ?? emptySponsorFit()),
        visitsPlan: input.visitsPlan || null,
        mutualVisitsPlan: input.mutualVisitsPlan || null,
        commitments: input.commitments || null,
        status: input.status ?? 'active',
        nextReviewOn: input.nextReviewOn ?? null,
        remindDaysBefore: input.remindDaysBefore,
        ...freshRecord(ctx.actor.userId, at),
      });
      await writeChildren(trx, created.id, input);
      await auditAs(trx, ctx.actor, 'create', CARD_TYPE, created.id, { before: null, after: auditableCard(created) });
      await indexCard(trx, created);
      if (created.sponsorId && created.sponsorId !== ctx.actor.userId) {
        await notificationsService.notify(trx, { userId: created.sponsorId, kind: 'expansion_card.sponsor', title: created.title, link: cardLink(created.id) });
      }
      return created;
    });
    return presentFull(ctx, row);
  },

  async update(ctx: Ctx, id: string, input: ExpansionCardUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    await checkFields(ctx, current.organizationId, input);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.targetContactId !== undefined && { targetContactId: input.targetContactId }),
        ...(input.targetNotes !== undefined && { targetNotes: input.targetNotes || null }),
        ...(input.sponsorId !== undefined && { sponsorId: input.sponsorId }),
        ...(input.sponsorFit !== undefined && { sponsorFit: JSON.stringify(input.sponsorFit) }),
        ...(input.visitsPlan !== undefined && { visitsPlan: input.visitsPlan || null }),
        ...(input.mutualVisitsPlan !== undefined && { mutualVisitsPlan: input.mutualVisitsPlan || null }),
        ...(input.commitments !== undefined && { commitments: input.commitments || null }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.nextReviewOn !== undefined && { nextReviewOn: nullable(input.nextReviewOn) }),
        ...(input.remindDaysBefore !== undefined && { remindDaysBefore: input.remindDaysBefore }),
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      await writeChildren(trx, id, input);
      // Child lists leave no trace in the before/after of the card, so the entry says which were replaced.
      const replaced = (['keyDates', 'keyEvents', 'actions'] as const).filter((k) => input[k] !== undefined);
      await auditAs(trx, ctx.actor, 'update', CARD_TYPE, id, {
        before: auditableCard(current),
        after: auditableCard(updated),
        ...(replaced.length > 0 && { meta: { replaced } }),
      });
      await indexCard(trx, updated);
      if (updated.sponsorId && updated.sponsorId !== current.sponsorId && updated.sponsorId !== ctx.actor.userId) {
        await notificationsService.notify(trx, { userId: updated.sponsorId, kind: 'expansion_card.sponsor', title: updated.title, link: cardLink(id) });
      }
      return updated;
    });
    return presentFull(ctx, row);
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(
      ctx,
      CARD_TYPE,
      id,
      true,
      (trx, changes) => repo.update(trx, id, current.version, changes),
      (trx) => writeSearchDocument(trx, CARD_TYPE, id, null),
    );
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted expansion card');
    await setDeleted(
      ctx,
      CARD_TYPE,
      id,
      false,
      (trx, changes) => repo.update(trx, id, current.version, changes),
      (trx) => indexCard(trx, { ...current, deletedAt: null }),
    );
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  listDeleted: (ctx: Ctx, page: { limit: number; cursor?: string }) => repo.listDeleted(ctx.db, ctx.actor, page),

  /** A periodic review (定期回溯); its next review date becomes the card's. */
  async addReview(ctx: Ctx, id: string, input: { reviewedOn: string; text: string; nextReviewOn?: string | null }) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      await repo.insertReview(trx, {
        id: newId(),
        cardId: id,
        reviewedOn: input.reviewedOn,
        text: input.text,
        nextReviewOn: input.nextReviewOn ?? null,
        authorId: ctx.actor.userId,
        createdAt: at,
      });
      const updated = await repo.update(trx, id, current.version, {
        ...(input.nextReviewOn !== undefined && { nextReviewOn: input.nextReviewOn }),
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', CARD_TYPE, id, {
        before: auditableCard(current),
        after: auditableCard(updated),
        meta: { review: input.reviewedOn },
      });
      return updated;
    });
    return presentFull(ctx, row);
  },

  /**
   * Hands a card to a new owner (the owner leaves or changes role). Only the owner's managers up the
   * team tree may do it, or an administrator of users (who need not see the card: they act for a
   * departed employee, and the answer tells them nothing of its content beyond what they sent).
   */
  async handover(ctx: Ctx, id: string, input: { ownerId: string; version: number }) {
    assertCan(ctx.actor, MODULE, 'update');
    const isUserAdmin = can(ctx.actor, 'users', 'update');
    const current = isUserAdmin ? await repo.findCard(ctx.db, id) : await repo.findVisible(ctx.db, ctx.actor, id);
    if (!current || current.deletedAt) throw notFound('Expansion card');
    const managers = await repo.managersOf(ctx.db, current.ownerId);
    if (!isUserAdmin && !managers.includes(ctx.actor.userId)) throw forbidden("Only the owner's managers or an administrator can hand over a card");
    if (current.version !== input.version) throw versionConflict();
    const fields: Record<string, string> = {};
    await checkUsers(ctx, [{ field: 'ownerId', id: input.ownerId }], fields);
    if (input.ownerId === current.ownerId) fields.ownerId = 'Already the owner';
    if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, { ownerId: input.ownerId, updatedAt: now() });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', CARD_TYPE, id, {
        before: auditableCard(current),
        after: auditableCard(updated),
        meta: { handover: { from: current.ownerId, to: input.ownerId, by: ctx.actor.userId } },
      });
      await notificationsService.notify(trx, { userId: input.ownerId, kind: 'expansion_card.handover', title: updated.title, link: cardLink(id) });
      return updated;
    });
    // Bookkeeping only: an administrator outside the chain learns nothing of the card's content.
    return { id, ownerId: row.ownerId, version: row.version };
  },
};

/** Active cards due for review that the actor may see, soonest first (for the key-account dashboard). */
export async function cardsDueForReview(db: Db, ctx: Ctx, limit: number) {
  if (!can(ctx.actor, MODULE, 'read')) return [];
  const rows = await repo.dueForReview(db, ctx.actor, todayUtc(), limit);
  const names = await namesFor({ db }, rows);
  return rows.map((r) => presentSummary(r, names));
}

/** Key dates of visible active cards coming round within `days` days (today included), soonest first. */
export async function upcomingKeyDates(db: Db, ctx: Ctx, days: number): Promise<UpcomingKeyDate[]> {
  if (!can(ctx.actor, MODULE, 'read')) return [];
  const today = todayUtc();
  const until = addDays(today, days);
  const rows = await repo.visibleKeyDates(db, ctx.actor);
  const due = rows
    .map((r) => ({ r, on: nextOccurrence(r.date, r.yearly === 1, today) }))
    .filter((x): x is { r: (typeof rows)[number]; on: string } => !!x.on && x.on <= until);
  const contacts = await contactsService.namesOf(
    { db },
    due.flatMap((x) => (x.r.targetContactId ? [x.r.targetContactId] : [])),
  );
  return due
    .map(({ r, on }) => ({
      cardId: r.cardId,
      cardTitle: r.cardTitle,
      organizationId: r.organizationId,
      targetName: r.targetContactId ? (contacts.get(r.targetContactId) ?? null) : null,
      kind: r.kind as UpcomingKeyDate['kind'],
      label: r.label,
      on,
    }))
    .sort((a, b) => a.on.localeCompare(b.on) || a.cardId.localeCompare(b.cardId));
}
