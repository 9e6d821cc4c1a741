import { ACTIVE_TASK_STATUSES, type TaskCreate, type TaskListQuery, type TaskUpdate } from '../../../shared/schemas/tasks.js';
import type { Db } from '../../db/connection.js';
import type { TaskRow, TaskUpdateRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { contactsService } from '../contacts/contacts.service.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { notificationsService } from '../notifications/notifications.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { checkRecurrence, nextOccurrence } from './recurrence.js';
import { scheduleReminder } from './reminders.js';
import { auditableTask, presentTask, type TaskNames, taskLink } from './tasks.presenter.js';
import { NO_DUE_DATE, tasksRepository as repo, TASK_SORT_COLUMNS } from './tasks.repository.js';

const MODULE = 'tasks';
/** More tasks than fit a month view are a list, not a calendar. */
const CALENDAR_LIMIT = 2000;
const CALENDAR_STATUSES = ['open', 'in_progress', 'done'];
const DAY_MS = 86_400_000;
const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);
const isActive = (status: string) => (ACTIVE_TASK_STATUSES as readonly string[]).includes(status);

async function namesFor(ctx: { db: Db }, rows: TaskRow[]): Promise<TaskNames> {
  const linked = (type: string) => rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId as string);
  const [users, organizations, contacts] = await Promise.all([
    usersService.namesOf(
      ctx,
      rows.map((r) => r.assigneeId),
    ),
    organizationsService.namesOf(ctx, linked('organizations')),
    contactsService.namesOf(ctx, linked('contacts')),
  ]);
  return { users, organizations, contacts };
}

async function presentAll(ctx: { db: Db }, rows: TaskRow[]) {
  const names = await namesFor(ctx, rows);
  return rows.map((r) => presentTask(r, names));
}

/** The ownership rules of customers, reported on this resource's field name. */
async function resolveAssignee(ctx: Ctx, requested: string | undefined, current?: TaskRow): Promise<Ownership | undefined> {
  try {
    return await resolveOwnership(ctx, MODULE, requested, current && { ownerId: current.assigneeId, teamId: current.teamId });
  } catch (err) {
    if (err instanceof AppError && err.fields?.ownerId) throw new AppError(err.code, err.message, err.status, { assigneeId: err.fields.ownerId });
    throw err;
  }
}

type Link = { entityType: string | null; entityId: string | null };

/** The link the task will have, checked: both parts or neither, and a record the actor can see. */
async function checkLink(ctx: Ctx, input: Partial<TaskCreate>, current: Link | undefined, fields: Record<string, string>): Promise<Link | undefined> {
  if (input.entityType === undefined && input.entityId === undefined) return undefined;
  const link = { entityType: input.entityType ?? null, entityId: input.entityId ?? null };
  if (!link.entityType !== !link.entityId) {
    fields[link.entityType ? 'entityId' : 'entityType'] = 'Give both entityType and entityId, or neither';
    return undefined;
  }
  if (!link.entityId || (current && current.entityType === link.entityType && current.entityId === link.entityId)) return link;
  const service = link.entityType === 'contacts' ? contactsService : organizationsService;
  if (!(await service.visibleIds(ctx, [link.entityId])).has(link.entityId)) fields.entityId = 'No such record, or you cannot see it';
  return link;
}

/** Everything zod cannot judge, in one 400 naming every bad field; returns the checked values. */
async function checkFields(ctx: Ctx, input: Partial<TaskCreate>, current?: TaskRow) {
  const fields: Record<string, string> = {};
  const link = await checkLink(ctx, input, current, fields);
  let recurrence: string | null | undefined = input.recurrence === undefined ? undefined : input.recurrence || null;
  if (recurrence) {
    const checked = checkRecurrence(recurrence);
    if ('error' in checked) fields.recurrence = checked.error;
    else recurrence = checked.rule;
  }
  const dueAt = input.dueAt === undefined ? (current?.dueAt ?? null) : iso(input.dueAt);
  const effectiveRule = recurrence === undefined ? current?.recurrence : recurrence;
  if (effectiveRule && !dueAt && !fields.recurrence) fields[recurrence ? 'recurrence' : 'dueAt'] = 'A repeating task needs a due date';
  // A reminder after the due time reminds of nothing; an all-day task may be reminded during its day.
  // Checked when the timing is touched, so an unrelated edit of an older task is not refused.
  if (input.dueAt !== undefined || input.remindAt !== undefined || input.allDay !== undefined) {
    const remindAt = input.remindAt === undefined ? (current?.remindAt ?? null) : iso(input.remindAt);
    const allDay = input.allDay === undefined ? current?.allDay === 1 : input.allDay;
    const latest = dueAt ? Date.parse(dueAt) + (allDay ? DAY_MS : 0) : null;
    if (remindAt && latest !== null && Date.parse(remindAt) > latest) {
      fields.remindAt = allDay ? 'The reminder is after the due day' : 'The reminder is after the due time';
    }
  }
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
  return { link, recurrence };
}

async function loadVisible(ctx: Ctx, id: string): Promise<TaskRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Task');
  return row;
}

/** Column values for the timing fields present in the input. */
function timingChanges(input: Partial<TaskCreate>): TaskUpdateRow {
  return {
    ...(input.dueAt !== undefined && { dueAt: iso(input.dueAt), dueSort: iso(input.dueAt) ?? NO_DUE_DATE }),
    ...(input.allDay !== undefined && { allDay: input.allDay ? 1 : 0 }),
    ...(input.remindAt !== undefined && { remindAt: iso(input.remindAt) }),
  };
}

/** The occurrence after a completed repeating task: same task, next due date, the reminder as far ahead of it as before. */
async function createNextOccurrence(trx: Db, ctx: Ctx, done: TaskRow, at: string): Promise<TaskRow | undefined> {
  if (!done.recurrence || !done.dueAt || done.nextId) return undefined;
  const dueAt = nextOccurrence(done.recurrence, done.dueAt, at);
  if (!dueAt) return undefined;
  const lead = done.remindAt ? Date.parse(done.dueAt) - Date.parse(done.remindAt) : null;
  const next = await repo.insert(trx, {
    id: newId(),
    title: done.title,
    notes: done.notes,
    dueAt,
    dueSort: dueAt,
    allDay: done.allDay,
    remindAt: lead === null ? null : new Date(Date.parse(dueAt) - lead).toISOString(),
    remindedAt: null,
    assigneeId: done.assigneeId,
    teamId: done.teamId,
    priority: done.priority,
    status: 'open',
    completedAt: null,
    recurrence: done.recurrence,
    nextId: null,
    entityType: done.entityType,
    entityId: done.entityId,
    source: done.source,
    ...freshRecord(ctx.actor.userId, at),
  });
  await auditAs(trx, ctx.actor, 'create', MODULE, next.id, { before: null, after: auditableTask(next), meta: { recurrenceOf: done.id } });
  await scheduleReminder(trx, next);
  return next;
}

/** Someone given a task by another person hears about it. */
async function notifyAssignee(trx: Db, ctx: Ctx, task: TaskRow) {
  if (task.assigneeId === ctx.actor.userId) return;
  await notificationsService.notify(trx, { userId: task.assigneeId, kind: 'task.assigned', title: task.title, link: taskLink(task.id) });
}

export const tasksService = {
  async list(ctx: Ctx, q: TaskListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, TASK_SORT_COLUMNS, 'tasks.id', 'dueAt');
    const { rows, total } = await repo.list(ctx.db, ctx.actor, q, keys, now());
    const page = toPage(rows, q.limit, keys, (row, field) => (field === 'dueAt' ? row.dueSort : row[field as keyof TaskRow]));
    return { items: await presentAll(ctx, page.rows), nextCursor: page.nextCursor, total };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return (await presentAll(ctx, [await loadVisible(ctx, id)]))[0];
  },

  async create(ctx: Ctx, input: TaskCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const { link, recurrence } = await checkFields(ctx, input);
    const assignee = (await resolveAssignee(ctx, input.assigneeId)) as Ownership;
    const at = now();
    const status = input.status ?? 'open';
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        title: input.title,
        notes: input.notes || null,
        dueAt: null,
        dueSort: NO_DUE_DATE,
        allDay: 0,
        remindAt: null,
        remindedAt: null,
        ...timingChanges(input),
        assigneeId: assignee.ownerId as string,
        teamId: assignee.teamId,
        priority: input.priority ?? 'normal',
        status,
        completedAt: status === 'done' ? at : null,
        recurrence: recurrence ?? null,
        nextId: null,
        entityType: link?.entityType ?? null,
        entityId: link?.entityId ?? null,
        source: null,
        ...freshRecord(ctx.actor.userId, at),
      });
      await auditAs(trx, ctx.actor, 'create', MODULE, created.id, { before: null, after: auditableTask(created) });
      await scheduleReminder(trx, created);
      await notifyAssignee(trx, ctx, created);
      return created;
    });
    return (await presentAll(ctx, [row]))[0];
  },

  async update(ctx: Ctx, id: string, input: TaskUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const { link, recurrence } = await checkFields(ctx, input, current);
    const assignee = await resolveAssignee(ctx, input.assigneeId, current);
    const at = now();
    const status = input.status ?? current.status;
    const completing = status === 'done' && current.status !== 'done';
    const timing = timingChanges(input);
    const remindMoved = timing.remindAt !== undefined && timing.remindAt !== current.remindAt;
    const row = await ctx.db.transaction().execute(async (trx) => {
      let updated = await repo.update(trx, id, input.version, {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.notes !== undefined && { notes: input.notes || null }),
        ...timing,
        // A new reminder time is a new reminder, whether or not the old one was sent.
        ...(remindMoved && { remindedAt: null }),
        ...(assignee && { assigneeId: assignee.ownerId as string, teamId: assignee.teamId }),
        ...(input.priority !== undefined && { priority: input.priority }),
        ...(input.status !== undefined && { status, completedAt: status === 'done' ? (completing ? at : current.completedAt) : null }),
        ...(recurrence !== undefined && { recurrence }),
        ...(link && { entityType: link.entityType, entityId: link.entityId }),
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      if (completing) {
        const next = await createNextOccurrence(trx, ctx, updated, at);
        if (next) updated = (await repo.linkNext(trx, id, next.id)) ?? updated;
      }
      await auditAs(trx, ctx.actor, 'update', MODULE, id, { before: auditableTask(current), after: auditableTask(updated) });
      if (remindMoved || (isActive(updated.status) && !isActive(current.status))) await scheduleReminder(trx, updated);
      if (assignee) await notifyAssignee(trx, ctx, updated);
      return updated;
    });
    return (await presentAll(ctx, [row]))[0];
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, MODULE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted task');
    // A reminder that came due while the task was in the bin was skipped; it goes out now.
    await setDeleted(
      ctx,
      MODULE,
      id,
      false,
      (trx, changes) => repo.update(trx, id, current.version, changes),
      (trx) => scheduleReminder(trx, { ...current, deletedAt: null }),
    );
  },

  /** One person's tasks due in [from, to) within the actor's scope, for the calendar and the ICS feed (cancelled ones left out). */
  async calendarItems(ctx: Ctx, from: string, to: string, assigneeId: string = ctx.actor.userId): Promise<TaskRow[]> {
    if (!can(ctx.actor, MODULE, 'read')) return [];
    return repo.dueBetween(ctx.db, ctx.actor, {
      assigneeId,
      from: iso(from) as string,
      to: iso(to) as string,
      statuses: CALENDAR_STATUSES,
      limit: CALENDAR_LIMIT,
    });
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },
};
