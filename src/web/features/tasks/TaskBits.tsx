import { RetweetOutlined } from '@ant-design/icons';
import { App, Checkbox, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../../shared/schemas/tasks';
import { formatDate, formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useUpdateTask } from './api';
import { PRIORITY_COLORS, priorityLabel, recurrenceLabel } from './taskLabels';
import { isOverdue } from './taskViews';

/** Ticks a task done (or back to open); a repeating task's next occurrence appears on the server's side. */
export function CompleteCheckbox({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { permissions } = useCurrentUser();
  const update = useUpdateTask();
  const done = task.status === 'done';
  return (
    <Checkbox
      checked={done}
      disabled={!can(permissions, 'tasks', 'update') || task.status === 'cancelled' || update.isPending}
      aria-label={t(done ? 'tasks.reopen' : 'tasks.complete', { title: task.title })}
      data-testid={`task-complete-${task.id}`}
      onChange={(e) =>
        update.mutate(
          { id: task.id, version: task.version, status: e.target.checked ? 'done' : 'open' },
          {
            onSuccess: () => void message.success(t(e.target.checked ? (task.recurrence ? 'tasks.completedRepeats' : 'tasks.completed') : 'tasks.reopened')),
            onError: (err) => showError(err),
          },
        )
      }
    />
  );
}

export function DueText({ task }: { task: Pick<Task, 'dueAt' | 'allDay' | 'status'> }) {
  const { t } = useTranslation();
  if (!task.dueAt) return <Typography.Text type="secondary">{t('tasks.noDue')}</Typography.Text>;
  const text = task.allDay ? formatDate(task.dueAt) : formatDateTime(task.dueAt);
  return isOverdue(task, dayjs()) ? (
    <Typography.Text type="danger" title={t('tasks.overdue')}>
      {text}
    </Typography.Text>
  ) : (
    <span>{text}</span>
  );
}

export function PriorityTag({ priority }: { priority: Task['priority'] }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLORS[priority]}>{priorityLabel(t, priority)}</Tag>;
}

export function RecurrenceIcon({ rule }: { rule: string | null }) {
  const { t } = useTranslation();
  const label = recurrenceLabel(t, rule);
  if (!label) return null;
  return (
    <Tooltip title={label}>
      <RetweetOutlined aria-label={label} style={{ color: '#8c8c8c', marginInlineStart: 6 }} />
    </Tooltip>
  );
}

/** The customer a task is about, as a link when the user may open it; a record in the recycle bin has no name. */
export function LinkedRecord({ task }: { task: Pick<Task, 'entityType' | 'entityId' | 'entityName'> }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  if (!task.entityType || !task.entityId) return '—';
  if (!task.entityName) return <Typography.Text type="secondary">{t('tasks.recordGone')}</Typography.Text>;
  return can(permissions, task.entityType, 'read') ? <Link to={`/${task.entityType}/${task.entityId}`}>{task.entityName}</Link> : task.entityName;
}
