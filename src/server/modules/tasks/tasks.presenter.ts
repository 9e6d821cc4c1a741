import type { Task } from '../../../shared/schemas/tasks.js';
import type { TaskRow } from '../../db/schema.js';

/** Where the web app opens a task (the My tasks page with its drawer). */
export const taskLink = (id: string) => `/tasks?open=${id}`;

/** Names a page of tasks needs, looked up once per page. */
export interface TaskNames {
  users: Map<string, string>;
  organizations: Map<string, string>;
  contacts: Map<string, string>;
}

function entityName(row: TaskRow, names: TaskNames): string | null {
  if (!row.entityId) return null;
  const byType = row.entityType === 'contacts' ? names.contacts : names.organizations;
  return byType.get(row.entityId) ?? null;
}

export function presentTask(row: TaskRow, names: TaskNames): Task {
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    dueAt: row.dueAt,
    allDay: row.allDay === 1,
    remindAt: row.remindAt,
    remindedAt: row.remindedAt,
    assigneeId: row.assigneeId,
    assigneeName: names.users.get(row.assigneeId) ?? null,
    teamId: row.teamId,
    priority: row.priority as Task['priority'],
    status: row.status as Task['status'],
    completedAt: row.completedAt,
    recurrence: row.recurrence,
    entityType: row.entityType as Task['entityType'],
    entityId: row.entityId,
    entityName: entityName(row, names),
    source: row.source,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** What the audit log records of a task: what a user sees and edits, not bookkeeping. */
export function auditableTask(row: TaskRow): Record<string, unknown> {
  const { createdAt, updatedAt, version, dueSort, deletedAt, deletedBy, createdBy, remindedAt, nextId, ...rest } = row;
  return { ...rest, allDay: row.allDay === 1 };
}
