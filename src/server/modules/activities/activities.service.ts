import {
  type ActivityCalendarItem,
  type ActivityCreate,
  type ActivityListQuery,
  type ActivityUpdate,
  CALENDAR_KINDS,
  MAX_ACTIVITY_DAYS,
  type TimelineQuery,
} from '../../../shared/schemas/activities.js';
import type { Db } from '../../db/connection.js';
import type { ActivityRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import type { MergeHook } from '../../platform/merge-hooks.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { contactsService } from '../contacts/contacts.service.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { blankToNull } from '../customers/party.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { auditableActivity, presentActivities, presentActivity } from './activities.presenter.js';
import { ACTIVITY_SORT_COLUMNS, activitiesRepository as repo } from './activities.repository.js';
import { timeline } from './timeline.js';

const MODULE = 'activities';
const DAY_MS = 86_400_000;
/** A month of one person's meetings, visits and calls is far below this; it only guards the server. */
const CALENDAR_LIMIT = 2000;

/** Timestamps are stored in UTC "Z" form, so that text comparison orders them on SQLite. */
const utc = (v: string) => new Date(v).toISOString();
const utcOrNull = (v: string | null | undefined) => (v ? utc(v) : null);

/** The links and times an activity has after a create or an edit. */
interface Draft {
  occurredAt: string;
  endsAt: string | null;
  organizationId: string | null;
  contactIds: string[];
}

/**
 * What zod cannot judge, in one 400 naming every bad field: a span that ends before it starts or
 * runs too long, no link at all, and links to records the actor cannot see. An invisible record is
 * "no such record", so the answer never tells what exists outside the actor's scope. Links the
 * activity already has may stay even when the record is out of sight now.
 */
async function checkDraft(ctx: Ctx, draft: Draft, requestedContacts: string[] | undefined, current?: Draft): Promise<void> {
  const fields: Record<string, string> = {};
  if (draft.endsAt !== null) {
    const span = Date.parse(draft.endsAt) - Date.parse(draft.occurredAt);
    if (span < 0) fields.endsAt = 'Ends before it starts';
    else if (span > MAX_ACTIVITY_DAYS * DAY_MS) fields.endsAt = `At most ${MAX_ACTIVITY_DAYS} days after the start`;
  }
  if (!draft.organizationId && draft.contactIds.length === 0) fields.organizationId = 'Link an organization or a contact';

  const organizationId = draft.organizationId;
  if (organizationId && organizationId !== current?.organizationId) {
    if (!(await organizationsService.visibleIds(ctx, [organizationId])).has(organizationId)) fields.organizationId = 'No such organization';
  }
  if (requestedContacts) {
    const existing = new Set(current?.contactIds ?? []);
    const visible = await contactsService.visibleIds(ctx, [...new Set(requestedContacts.filter((id) => !existing.has(id)))]);
    const seen = new Set<string>();
    requestedContacts.forEach((id, i) => {
      if (seen.has(id)) fields[`contactIds.${i}`] = 'Listed twice';
      else if (!existing.has(id) && !visible.has(id)) fields[`contactIds.${i}`] = 'No such contact';
      seen.add(id);
    });
  }
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
}

/**
 * Logging contact moves the organization's and contacts' last contact forward (never back), in the
 * same transaction. A planned meeting is not contact yet: only activities up to now count.
 */
async function touchLinked(trx: Db, draft: Draft, at: string): Promise<void> {
  if (draft.occurredAt > at) return;
  if (draft.organizationId) await organizationsService.touchActivity(trx, [draft.organizationId], draft.occurredAt);
  await contactsService.touchActivity(trx, draft.contactIds, draft.occurredAt);
}

async function loadVisible(ctx: Ctx, id: string): Promise<ActivityRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Activity');
  return row;
}

const textChanges = (input: Partial<ActivityCreate>) => ({
  ...(input.kind !== undefined && { kind: input.kind }),
  ...(input.subject !== undefined && { subject: input.subject }),
  ...(input.body !== undefined && { body: blankToNull(input.body) }),
  ...(input.location !== undefined && { location: blankToNull(input.location) }),
});

export const activitiesService = {
  async list(ctx: Ctx, q: ActivityListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, ACTIVITY_SORT_COLUMNS, 'activities.id', '-occurredAt');
    const { limit, cursor, total, sort: _sort, from, to, ...filters } = q;
    const { rows, total: count } = await repo.list(
      ctx.db,
      ctx.actor,
      { ...filters, from: from && utc(from), to: to && utc(to) },
      { keys, limit, cursor, total },
    );
    const page = toPage(rows, limit, keys);
    return { items: await presentActivities(ctx, page.rows), nextCursor: page.nextCursor, total: count };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return presentActivity(ctx, await loadVisible(ctx, id));
  },

  async create(ctx: Ctx, input: ActivityCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const at = now();
    const draft: Draft = {
      occurredAt: input.occurredAt ? utc(input.occurredAt) : at,
      endsAt: utcOrNull(input.endsAt),
      organizationId: input.organizationId ?? null,
      contactIds: input.contactIds ?? [],
    };
    await checkDraft(ctx, draft, input.contactIds);
    const owner = (await resolveOwnership(ctx, MODULE, input.ownerId)) as Ownership;
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        kind: input.kind,
        subject: input.subject,
        body: blankToNull(input.body),
        location: blankToNull(input.location),
        occurredAt: draft.occurredAt,
        endsAt: draft.endsAt,
        organizationId: draft.organizationId,
        ownerId: owner.ownerId as string,
        teamId: owner.teamId,
        ...freshRecord(ctx.actor.userId, at),
      });
      await repo.replaceContacts(trx, created.id, draft.contactIds);
      await touchLinked(trx, draft, at);
      await auditAs(trx, ctx.actor, 'create', MODULE, created.id, { before: null, after: auditableActivity(created, draft.contactIds) });
      return created;
    });
    return presentActivity(ctx, row);
  },

  async update(ctx: Ctx, id: string, input: ActivityUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const currentContacts = (await repo.contactIdsOf(ctx.db, [id])).get(id) ?? [];
    const before: Draft = { occurredAt: current.occurredAt, endsAt: current.endsAt, organizationId: current.organizationId, contactIds: currentContacts };
    const draft: Draft = {
      occurredAt: input.occurredAt ? utc(input.occurredAt) : current.occurredAt,
      endsAt: input.endsAt === undefined ? current.endsAt : utcOrNull(input.endsAt),
      organizationId: input.organizationId === undefined ? current.organizationId : input.organizationId,
      contactIds: input.contactIds ?? currentContacts,
    };
    await checkDraft(ctx, draft, input.contactIds, before);
    // An activity always has an owner: ownerId is never null here, so "give to the pool" cannot happen.
    const owner = await resolveOwnership(ctx, MODULE, input.ownerId, current);
    const at = now();
    // Presented from the transaction: a new owner may have just taken the activity out of the actor's scope.
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...textChanges(input),
        occurredAt: draft.occurredAt,
        endsAt: draft.endsAt,
        organizationId: draft.organizationId,
        ...(owner && { ownerId: owner.ownerId as string, teamId: owner.teamId }),
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      if (input.contactIds) await repo.replaceContacts(trx, id, draft.contactIds);
      // A planned meeting that has now taken place, or a newly linked record, is contact from this moment.
      await touchLinked(trx, draft, at);
      await auditAs(trx, ctx.actor, 'update', MODULE, id, {
        before: auditableActivity(current, currentContacts),
        after: auditableActivity(updated, draft.contactIds),
      });
      return updated;
    });
    return presentActivity(ctx, row);
  },

  /** To the recycle bin. The linked records' last contact stays where it is: it did happen. */
  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, MODULE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted activity');
    await setDeleted(ctx, MODULE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  /** The 360° stream of an organization or a contact: activities, changes, lifecycle steps (see timeline.ts). */
  timeline: (ctx: Ctx, q: TimelineQuery) => timeline(ctx, q),

  /**
   * For the calendar: one person's meetings, visits and calls overlapping [from, to), oldest first,
   * within the actor's activities scope (nothing without read permission). The owner defaults to the actor.
   */
  async calendarItems(ctx: Ctx, from: string, to: string, opts: { ownerId?: string } = {}): Promise<ActivityCalendarItem[]> {
    const bad = Object.fromEntries(
      Object.entries({ from, to })
        .filter(([, v]) => Number.isNaN(Date.parse(v)))
        .map(([k]) => [k, 'Not a valid time']),
    );
    if (Object.keys(bad).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', bad);
    if (!can(ctx.actor, MODULE, 'read')) return [];
    const start = utc(from);
    const rows = await repo.overlapping(ctx.db, ctx.actor, {
      ownerId: opts.ownerId ?? ctx.actor.userId,
      kinds: CALENDAR_KINDS,
      from: start,
      to: utc(to),
      earliest: new Date(Date.parse(start) - MAX_ACTIVITY_DAYS * DAY_MS).toISOString(),
      limit: CALENDAR_LIMIT,
    });
    const names = await organizationsService.namesOf(
      ctx,
      rows.map((r) => r.organizationId).filter((id): id is string => !!id),
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ActivityCalendarItem['kind'],
      subject: r.subject,
      startsAt: r.occurredAt,
      endsAt: r.endsAt,
      organizationId: r.organizationId,
      organizationName: r.organizationId ? (names.get(r.organizationId) ?? null) : null,
    }));
  },

  /**
   * Merge hook: the survivor takes the merged-away record's activities (those in the recycle bin
   * too, so a restore finds them there), and its last contact moves up to theirs.
   */
  moveOnMerge: (async (trx, _ctx, { type, sourceId, targetId }) => {
    const at = now();
    if (type === 'organizations') {
      await repo.moveOrganization(trx, sourceId, targetId, at);
      const latest = await repo.latestPast(trx, { organizationId: targetId }, at);
      if (latest) await organizationsService.touchActivity(trx, [targetId], latest);
    } else {
      await repo.moveContact(trx, sourceId, targetId);
      const latest = await repo.latestPast(trx, { contactId: targetId }, at);
      if (latest) await contactsService.touchActivity(trx, [targetId], latest);
    }
  }) satisfies MergeHook,
};
