import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Popconfirm, Segmented, Space, Table, type TableProps, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../shared/schemas/tasks';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SearchInput } from '../../components/SearchInput';
import { can, canAssignOwner } from '../../lib/permissions';
import { minWidth, noWrap } from '../../lib/tableSort';
import { useShowError } from '../../lib/useShowError';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { UserSelect } from '../users/UserSelect';
import { useDeleteTask, useTasks } from './api';
import { CompleteCheckbox, DueText, LinkedRecord, PriorityTag, RecurrenceIcon } from './TaskBits';
import { TaskDrawer, type TaskDrawerState } from './TaskDrawer';
import { STATUS_COLORS, statusLabel } from './taskLabels';
import { isTaskView, TASK_VIEWS, type TaskView, viewQuery } from './taskViews';

const FILTERS = ['view', 'q', 'who', 'assigneeId', 'open', 'new'] as const;

/**
 * "My tasks" (我的任务): what is open, overdue, due today or later, and done. Managers can switch to
 * everyone they see. `?open=<id>` (the link of a reminder) opens that task.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { permissions } = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const view: TaskView = isTaskView(filters.view) ? filters.view : 'open';
  const everyone = filters.who === 'all' && canAssignOwner(permissions, 'tasks');
  const day = dayjs().format('YYYY-MM-DD');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the day bounds move when the date does, not on every render.
  const query = useMemo(
    () => ({ ...viewQuery(view, dayjs()), q: filters.q, ...(everyone ? { assigneeId: filters.assigneeId } : { mine: true }) }),
    [view, day, filters.q, everyone, filters.assigneeId],
  );
  const tasks = useTasks(query);
  const remove = useDeleteTask();
  const rows = useMemo(() => tasks.data?.pages.flatMap((p) => p.items) ?? [], [tasks.data]);
  const total = tasks.data?.pages[0]?.total;
  const mayCreate = can(permissions, 'tasks', 'create');
  const mayUpdate = can(permissions, 'tasks', 'update');
  const mayDelete = can(permissions, 'tasks', 'delete');

  const drawer: TaskDrawerState = filters.open
    ? { mode: 'edit', id: filters.open, task: rows.find((r) => r.id === filters.open) }
    : filters.new
      ? { mode: 'new' }
      : { mode: 'closed' };
  const openTask = (task: Task) => setFilters({ open: task.id, new: undefined });
  const closeDrawer = () => setFilters({ open: undefined, new: undefined });

  const columns: TableProps<Task>['columns'] = [
    { key: 'done', width: 48, render: (_, task) => <CompleteCheckbox task={task} /> },
    {
      ...minWidth(240),
      title: t('tasks.fields.title'),
      key: 'title',
      render: (_, task) => (
        <>
          <Typography.Link strong={task.status !== 'done'} delete={task.status === 'done'} onClick={() => openTask(task)} data-testid="task-open">
            {task.title}
          </Typography.Link>
          <RecurrenceIcon rule={task.recurrence} />
          {task.status === 'in_progress' || task.status === 'cancelled' ? (
            <Tag color={STATUS_COLORS[task.status]} style={{ marginInlineStart: 8 }}>
              {statusLabel(t, task.status)}
            </Tag>
          ) : null}
          {task.notes && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 1, tooltip: task.notes }}>
              {task.notes}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { ...noWrap, title: t('tasks.fields.due'), key: 'due', render: (_, task) => <DueText task={task} /> },
    { ...noWrap, title: t('tasks.fields.priority'), key: 'priority', render: (_, task) => <PriorityTag priority={task.priority} /> },
    { title: t('tasks.fields.link'), key: 'link', render: (_, task) => <LinkedRecord task={task} /> },
  ];
  if (everyone) {
    columns.push({ ...noWrap, title: t('tasks.fields.assignee'), key: 'assignee', render: (_, task) => task.assigneeName ?? t('customers.otherUser') });
  }
  if (mayUpdate || mayDelete) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      ...noWrap,
      render: (_, task) => (
        <Space size={0}>
          {mayUpdate && (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => openTask(task)} />
            </Tooltip>
          )}
          {mayDelete && (
            <Popconfirm
              title={t('tasks.deleteConfirm', { title: task.title })}
              description={t('common.recycleBinHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutate(task.id, { onSuccess: () => void message.success(t('tasks.deleted')), onError: (err) => showError(err) })}
            >
              <Tooltip title={t('common.delete')}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Tooltip>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        description={t('tasks.description')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFilters({ new: '1', open: undefined })} data-testid="task-new">
              {t('tasks.create')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={view}
        onChange={(key) => setFilters({ view: key === 'open' ? undefined : key })}
        items={TASK_VIEWS.map((v) => ({ key: v, label: <span data-testid={`tasks-view-${v}`}>{t(`tasks.views.${v}`)}</span> }))}
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <SearchInput
          value={filters.q}
          onSearch={(q) => setFilters({ q })}
          placeholder={t('tasks.searchPlaceholder')}
          aria-label={t('common.search')}
          style={{ width: 260 }}
        />
        {canAssignOwner(permissions, 'tasks') && (
          <Segmented
            aria-label={t('tasks.whose')}
            value={everyone ? 'all' : 'mine'}
            onChange={(who) => setFilters({ who: who === 'all' ? 'all' : undefined, assigneeId: undefined })}
            options={[
              { value: 'mine', label: t('tasks.mine') },
              { value: 'all', label: t('tasks.everyone') },
            ]}
          />
        )}
        {everyone && (
          <UserSelect
            aria-label={t('tasks.fields.assignee')}
            placeholder={t('tasks.anyAssignee')}
            value={filters.assigneeId}
            onChange={(assigneeId) => setFilters({ assigneeId })}
            style={{ minWidth: 240 }}
          />
        )}
      </Flex>
      {tasks.isError ? (
        <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : (
        <>
          <Table<Task>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={tasks.isLoading || (tasks.isFetching && !tasks.isFetchingNextPage)}
            pagination={false}
            scroll={{ x: 900 }}
            tableLayout="auto"
            data-testid="tasks-table"
            locale={{ emptyText: <Empty description={t(filters.q ? 'tasks.noMatch' : `tasks.empty.${view}`)} /> }}
          />
          {!tasks.isLoading && (
            <LoadMore
              shown={rows.length}
              total={total}
              hasMore={!!tasks.hasNextPage}
              loading={tasks.isFetchingNextPage}
              onLoadMore={() => tasks.fetchNextPage()}
            />
          )}
        </>
      )}
      <TaskDrawer state={drawer} onClose={closeDrawer} />
    </>
  );
}
