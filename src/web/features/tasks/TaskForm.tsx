import { App, Button, Checkbox, DatePicker, Flex, Form, Input, Segmented, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { type KeyboardEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RECURRENCE_PRESETS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type Task,
  type TaskCreate,
  type TaskEntityType,
  type TaskPriority,
  type TaskStatus,
} from '../../../shared/schemas/tasks';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldErrors } from '../../lib/errorMessage';
import { canAssignOwner } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { UserSelect } from '../users/UserSelect';
import { useCreateTask, useUpdateTask } from './api';
import { ContactSelect } from './ContactSelect';
import { presetOf, RECURRENCE_KEYS, REMINDER_CHOICES, REMINDER_OFFSETS, type ReminderChoice, reminderChoiceOf } from './taskLabels';

type LinkType = TaskEntityType | 'none';

interface Values {
  title: string;
  notes?: string;
  due?: Dayjs | null;
  allDay: boolean;
  reminder: ReminderChoice;
  remindAt?: Dayjs | null;
  assigneeId?: string;
  priority: TaskPriority;
  status: TaskStatus;
  /** A preset key, 'none', or a rule the API stored that no preset matches. */
  recurrence: string;
  linkType: LinkType;
  entityId?: string | null;
}

/** What a new task starts with: a day clicked on the calendar, the record whose page it was created on. */
export interface TaskDefaults {
  due?: Dayjs;
  allDay?: boolean;
  entityType?: TaskEntityType;
  entityId?: string;
}

export interface TaskFormProps {
  task?: Task;
  defaults?: TaskDefaults;
  /** On a record's page the link is that record, not asked for. */
  lockLink?: boolean;
  onDone?: (task: Task) => void;
  onCancel?: () => void;
  /** Extra buttons at the start of the footer (delete). */
  extra?: React.ReactNode;
}

const DATE = 'YYYY-MM-DD';
const DATE_TIME = 'YYYY-MM-DD HH:mm';

// Field messages the server sends in English, with their translations here.
const SERVER_MESSAGES: Record<string, string> = {
  'A repeating task needs a due date': 'tasks.errors.recurrenceNeedsDue',
  'Give both entityType and entityId, or neither': 'tasks.errors.linkIncomplete',
  'No such record, or you cannot see it': 'tasks.errors.noSuchRecord',
  'Not a recurrence rule': 'tasks.errors.badRecurrence',
};
// Where a server field's message shows in this form.
const FIELD_OF: Record<string, keyof Values> = { dueAt: 'due', entityType: 'entityId', remindAt: 'remindAt' };

function serverFieldErrors(t: TFunction, err: unknown, reminder: ReminderChoice) {
  if (!(err instanceof ApiError) || !err.fields) return [];
  const common = fieldErrors(t, err);
  return Object.entries(err.fields).map(([path, text], i) => {
    let name = FIELD_OF[path] ?? (path.split('.')[0] as keyof Values);
    if (name === 'remindAt' && reminder !== 'custom') name = 'reminder';
    const own = SERVER_MESSAGES[text];
    return { name, errors: [own ? t(own) : common[i].errors[0]] };
  });
}

function initialValues(task: Task | undefined, defaults: TaskDefaults = {}): Values {
  if (task) {
    const reminder = reminderChoiceOf(task.dueAt, task.remindAt);
    return {
      title: task.title,
      notes: task.notes ?? undefined,
      due: task.dueAt ? dayjs(task.dueAt) : null,
      allDay: task.allDay,
      reminder,
      remindAt: reminder === 'custom' && task.remindAt ? dayjs(task.remindAt) : null,
      assigneeId: task.assigneeId,
      priority: task.priority,
      status: task.status,
      recurrence: task.recurrence ? (presetOf(task.recurrence) ?? task.recurrence) : 'none',
      linkType: task.entityType ?? 'none',
      entityId: task.entityId,
    };
  }
  return {
    title: '',
    due: defaults.due ?? null,
    allDay: defaults.allDay ?? false,
    reminder: 'none',
    priority: 'normal',
    status: 'open',
    recurrence: 'none',
    linkType: defaults.entityType ?? 'none',
    entityId: defaults.entityId ?? null,
  };
}

function toInput(v: Values, mayAssign: boolean): TaskCreate {
  const due = v.due ? (v.allDay ? v.due.startOf('day') : v.due.second(0).millisecond(0)) : null;
  let remindAt: string | null = null;
  if (v.reminder === 'custom') remindAt = v.remindAt ? v.remindAt.second(0).millisecond(0).toISOString() : null;
  else if (v.reminder !== 'none' && due) remindAt = due.subtract(REMINDER_OFFSETS[v.reminder], 'minute').toISOString();
  const preset = v.recurrence in RECURRENCE_PRESETS ? RECURRENCE_PRESETS[v.recurrence as keyof typeof RECURRENCE_PRESETS] : null;
  const linked = v.linkType !== 'none' && v.entityId;
  return {
    title: v.title,
    notes: v.notes?.trim() ? v.notes : null,
    dueAt: due ? due.toISOString() : null,
    allDay: !!due && v.allDay,
    remindAt,
    ...(mayAssign && v.assigneeId ? { assigneeId: v.assigneeId } : {}),
    priority: v.priority,
    status: v.status,
    recurrence: v.recurrence === 'none' ? null : (preset ?? v.recurrence),
    entityType: linked ? (v.linkType as TaskEntityType) : null,
    entityId: linked ? v.entityId : null,
  };
}

/**
 * Creates or edits one task: what, when (a time or a whole day), a reminder, who, how urgent, how it
 * repeats, and the customer it is about. Enter in the title saves; Ctrl+Enter (⌘+Enter) saves from the notes.
 */
export function TaskForm({ task, defaults, lockLink = false, onDone, onCancel, extra }: TaskFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { permissions } = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateTask();
  const update = useUpdateTask();
  const initial = useMemo(() => initialValues(task, defaults), [task, defaults]);
  const mayAssign = canAssignOwner(permissions, 'tasks');
  const allDay = Form.useWatch('allDay', form) ?? initial.allDay;
  const reminder = Form.useWatch('reminder', form) ?? initial.reminder;
  const linkType = Form.useWatch('linkType', form) ?? initial.linkType;
  const recurrence = Form.useWatch('recurrence', form) ?? initial.recurrence;

  const onFinish = (v: Values) => {
    // Fields the form does not show (the status of a new task, a fixed link) keep their initial values.
    const input = toInput({ ...initial, ...v }, mayAssign);
    const handlers = {
      onSuccess: (saved: Task) => {
        void message.success(t(task ? 'tasks.updated' : 'tasks.created'));
        onDone?.(saved);
      },
      onError: (err: Error) => {
        form.setFields(serverFieldErrors(t, err, v.reminder));
        void message.error(errorMessage(t, err));
      },
    };
    if (task) update.mutate({ id: task.id, version: task.version, ...input }, handlers);
    else create.mutate(input, handlers);
  };

  const submitOnCtrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };

  // Enter in a date box confirms the typed date; it must not also submit a half-filled form.
  const keepEnterInPicker = (e: KeyboardEvent) => {
    if (e.key === 'Enter') e.preventDefault();
  };

  const recurrenceOptions = [
    { value: 'none', label: t('tasks.recurrence.none') },
    ...RECURRENCE_KEYS.map((k) => ({ value: k, label: t(`tasks.recurrence.${k}`) })),
    // A rule set through the API stays choosable as itself.
    ...(recurrence !== 'none' && !(recurrence in RECURRENCE_PRESETS) ? [{ value: recurrence, label: recurrence }] : []),
  ];
  const item = { style: { marginBottom: 12 } };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} requiredMark={false} name={task ? `task_${task.id}` : 'newTask'}>
      <Form.Item name="title" label={t('tasks.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} {...item}>
        <Input maxLength={200} autoFocus autoComplete="off" placeholder={t('tasks.titlePlaceholder')} data-testid="task-title" />
      </Form.Item>
      <Form.Item name="notes" label={t('tasks.fields.notes')} {...item}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} onKeyDown={submitOnCtrlEnter} data-testid="task-notes" />
      </Form.Item>
      <Flex gap={12} wrap align="flex-end">
        <Form.Item name="due" label={t('tasks.fields.due')} {...item}>
          <DatePicker
            showTime={allDay ? false : { format: 'HH:mm', minuteStep: 5 }}
            format={allDay ? DATE : DATE_TIME}
            aria-label={t('tasks.fields.due')}
            onKeyDown={keepEnterInPicker}
            data-testid="task-due"
          />
        </Form.Item>
        <Form.Item name="allDay" valuePropName="checked" {...item}>
          <Checkbox data-testid="task-all-day">{t('tasks.fields.allDay')}</Checkbox>
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name="reminder"
          label={t('tasks.fields.reminder')}
          style={{ ...item.style, minWidth: 200 }}
          dependencies={['due']}
          rules={[
            {
              validator: (_, value: ReminderChoice) =>
                value === 'none' || value === 'custom' || form.getFieldValue('due')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('tasks.reminderNeedsDue'))),
            },
          ]}
        >
          <Select<ReminderChoice>
            aria-label={t('tasks.fields.reminder')}
            data-testid="task-reminder"
            options={REMINDER_CHOICES.map((c) => ({ value: c, label: t(`tasks.reminders.${c}`) }))}
          />
        </Form.Item>
        {reminder === 'custom' && (
          <Form.Item name="remindAt" label={t('tasks.fields.remindAt')} rules={[{ required: true, message: t('validation.required') }]} {...item}>
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format={DATE_TIME}
              aria-label={t('tasks.fields.remindAt')}
              onKeyDown={keepEnterInPicker}
            />
          </Form.Item>
        )}
        <Form.Item name="recurrence" label={t('tasks.fields.recurrence')} style={{ ...item.style, minWidth: 180 }}>
          <Select aria-label={t('tasks.fields.recurrence')} data-testid="task-recurrence" options={recurrenceOptions} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="priority" label={t('tasks.fields.priority')} style={{ ...item.style, minWidth: 140 }}>
          <Select<TaskPriority>
            aria-label={t('tasks.fields.priority')}
            data-testid="task-priority"
            options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))}
          />
        </Form.Item>
        {task && (
          <Form.Item name="status" label={t('tasks.fields.status')} style={{ ...item.style, minWidth: 140 }}>
            <Select<TaskStatus> aria-label={t('tasks.fields.status')} options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))} />
          </Form.Item>
        )}
        {mayAssign && (
          <Form.Item name="assigneeId" label={t('tasks.fields.assignee')} style={{ ...item.style, flex: '1 1 220px' }}>
            <UserSelect aria-label={t('tasks.fields.assignee')} placeholder={t('tasks.assigneeMe')} data-testid="task-assignee" />
          </Form.Item>
        )}
      </Flex>
      {!lockLink && (
        <Flex gap={12} wrap align="flex-end">
          <Form.Item name="linkType" label={t('tasks.fields.link')} {...item}>
            <Segmented<LinkType>
              aria-label={t('tasks.fields.link')}
              options={[
                { value: 'none', label: t('tasks.linkNone') },
                { value: 'organizations', label: t('recordTypes.organizations') },
                { value: 'contacts', label: t('recordTypes.contacts') },
              ]}
              onChange={() => form.setFieldValue('entityId', null)}
            />
          </Form.Item>
          {linkType !== 'none' && (
            <Form.Item name="entityId" style={{ ...item.style, flex: '1 1 220px' }} rules={[{ required: true, message: t('validation.required') }]}>
              {linkType === 'organizations' ? (
                <OrganizationSelect aria-label={t('recordTypes.organizations')} data-testid="task-organization" />
              ) : (
                <ContactSelect aria-label={t('recordTypes.contacts')} data-testid="task-contact" />
              )}
            </Form.Item>
          )}
        </Flex>
      )}
      <Flex gap={8} justify="space-between" align="center" style={{ marginTop: 8 }}>
        <div>{extra}</div>
        <Flex gap={8}>
          {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="task-save">
            {task ? t('common.save') : t('tasks.create')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
