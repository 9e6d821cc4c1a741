import { ACTIVE_TASK_STATUSES, NO_CONTACT_SOURCE, type TaskListQuery } from '../../../shared/schemas/tasks.js';
import type { Db } from '../../db/connection.js';
import type { NewTask, TaskRow, TaskUpdateRow } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';

/** A task belongs to its assignee and the assignee's team at assignment. */
export const TASK_SCOPE = { owner: 'tasks.assigneeId', team: 'tasks.teamId' };
export const TASK_SORT_COLUMNS = {
  dueAt: 'tasks.dueSort',
  createdAt: 'tasks.createdAt',
  updatedAt: 'tasks.updatedAt',
};
/** The sort value of a task without a due date: after every real one. */
export const NO_DUE_DATE = '9999-12-31T00:00:00.000Z';
const ACTIVE = [...ACTIVE_TASK_STATUSES];

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('tasks')
    .where(scopeFilter(actor, 'tasks', TASK_SCOPE))
    .where('tasks.deletedAt', deleted ? 'is not' : 'is', null);
}

export const tasksRepository = {
  async list(db: Db, actor: Actor, q: TaskListQuery, keys: SortKey[], at: string) {
    const assignee = q.mine ? actor.userId : q.assigneeId;
    const filtered = visible(db, actor)
      .$if(!!assignee, (qb) => qb.where('tasks.assigneeId', '=', assignee as string))
      .$if(!!q.status, (qb) => qb.where('tasks.status', 'in', q.status as string[]))
      .$if(!!q.priority, (qb) => qb.where('tasks.priority', '=', q.priority as string))
      .$if(!!q.dueFrom, (qb) => qb.where('tasks.dueSort', '>=', q.dueFrom as string))
      // The far-future sort value stands for "no due date", which no range should include.
      .$if(!!q.dueTo, (qb) => qb.where('tasks.dueSort', '<', q.dueTo as string).where('tasks.dueAt', 'is not', null))
      .$if(!!q.overdue, (qb) => qb.where('tasks.dueSort', '<', at).where('tasks.status', 'in', ACTIVE))
      .$if(!!q.entityType, (qb) => qb.where('tasks.entityType', '=', q.entityType as string))
      .$if(!!q.entityId, (qb) => qb.where('tasks.entityId', '=', q.entityId as string))
      .$if(!!q.q, (qb) => qb.where(containsText('tasks.title', q.q as string)));
    const rows = await orderBy(
      filtered.selectAll('tasks').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    // A first page that is not full is the whole list: no count (the record page's open-tasks panel).
    const whole = !q.cursor && rows.length <= q.limit;
    const total = !q.total ? undefined : whole ? rows.length : Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<TaskRow | undefined> {
    return visible(db, actor, opts).selectAll('tasks').where('tasks.id', '=', id).executeTakeFirst();
  },

  insert(db: Db, row: NewTask): Promise<TaskRow> {
    return db.insertInto('tasks').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  update(db: Db, id: string, version: number, changes: TaskUpdateRow): Promise<TaskRow | undefined> {
    return db
      .updateTable('tasks')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Records the occurrence that follows a completed repeating task (part of the completing write, so no version step). */
  linkNext(db: Db, id: string, nextId: string): Promise<TaskRow | undefined> {
    return db.updateTable('tasks').set({ nextId }).where('id', '=', id).returningAll().executeTakeFirst();
  },

  /** One assignee's tasks due in [from, to) that the actor may see, for the calendar and the feed; on (assignee_id, status, due_sort). */
  dueBetween(db: Db, actor: Actor, q: { assigneeId: string; from: string; to: string; statuses: readonly string[]; limit: number }): Promise<TaskRow[]> {
    return visible(db, actor)
      .selectAll('tasks')
      .where('tasks.assigneeId', '=', q.assigneeId)
      .where('tasks.status', 'in', [...q.statuses])
      .where('tasks.dueSort', '>=', q.from)
      .where('tasks.dueSort', '<', q.to)
      .where('tasks.dueAt', 'is not', null)
      .orderBy('tasks.dueSort')
      .orderBy('tasks.id')
      .limit(q.limit)
      .execute();
  },

  /**
   * Claims a due reminder for sending. The conditional UPDATE lets exactly one caller win, however
   * many jobs and app servers race for it; a reminder moved later is not due and stays unclaimed.
   */
  claimReminder(db: Db, id: string, at: string): Promise<TaskRow | undefined> {
    return db
      .updateTable('tasks')
      .set({ remindedAt: at })
      .where('id', '=', id)
      .where('remindedAt', 'is', null)
      .where('remindAt', '<=', at)
      .where('status', 'in', ACTIVE)
      .where('deletedAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  /** Reminders due in (since, at] not sent yet; served by the partial index on remind_at. */
  async dueReminderIds(db: Db, since: string, at: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('tasks')
      .select('id')
      .where('remindedAt', 'is', null)
      .where('remindAt', '>', since)
      .where('remindAt', '<=', at)
      .where('status', 'in', ACTIVE)
      .where('deletedAt', 'is', null)
      .orderBy('remindAt')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },

  /** Which of these organizations already have an open follow-up task raised by the rule. */
  async withOpenRuleTask(db: Db, organizationIds: string[]): Promise<Set<string>> {
    if (organizationIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('tasks')
      .select('entityId')
      .where('entityType', '=', 'organizations')
      .where('entityId', 'in', organizationIds)
      .where('status', 'in', ACTIVE)
      .where('source', '=', NO_CONTACT_SOURCE)
      .where('deletedAt', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.entityId as string));
  },

  /**
   * Organizations among these whose follow-up from the rule still stands: a rule task that is open, or
   * one raised at or after `since` (done or cancelled without contact, it is not raised again every day).
   */
  async ruleTasksOf(db: Db, organizationIds: string[], since: string): Promise<{ entityId: string; status: string; createdAt: string }[]> {
    if (organizationIds.length === 0) return [];
    const rows = await db
      .selectFrom('tasks')
      .select(['entityId', 'status', 'createdAt'])
      .where('entityType', '=', 'organizations')
      .where('entityId', 'in', organizationIds)
      .where('source', '=', NO_CONTACT_SOURCE)
      .where('deletedAt', 'is', null)
      .where((eb) => eb.or([eb('status', 'in', ACTIVE), eb('createdAt', '>=', since)]))
      .execute();
    return rows as { entityId: string; status: string; createdAt: string }[];
  },

  /** A merge's rewrite of a task: whatever its version, since the merge must move every task. */
  relink(db: Db, id: string, changes: TaskUpdateRow): Promise<TaskRow | undefined> {
    return db
      .updateTable('tasks')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  },

  /** Every task linked to a record, deleted ones too (a merge moves them all). */
  linkedTo(db: Db, entityType: string, entityId: string): Promise<TaskRow[]> {
    return db.selectFrom('tasks').selectAll().where('entityType', '=', entityType).where('entityId', '=', entityId).execute();
  },
};
