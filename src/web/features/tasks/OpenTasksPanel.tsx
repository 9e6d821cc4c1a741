import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../shared/schemas/customers';
import type { Task, TaskEntityType } from '../../../shared/schemas/tasks';
import { LoadMore } from '../../components/LoadMore';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useTasks } from './api';
import { CompleteCheckbox, DueText, PriorityTag, RecurrenceIcon } from './TaskBits';
import { TaskDrawer, type TaskDrawerState } from './TaskDrawer';

interface Props {
  entityType: TaskEntityType;
  entityId: string;
}

/** The record's tasks still to do (everyone's the user may see), soonest first, with "new task" linked to the record. */
export function OpenTasksList({ entityType, entityId }: Props) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  const [drawer, setDrawer] = useState<TaskDrawerState>({ mode: 'closed' });
  const tasks = useTasks({ entityType, entityId, status: 'open,in_progress', sort: 'dueAt' }, { pageSize: 10 });
  const rows = useMemo(() => tasks.data?.pages.flatMap((p) => p.items) ?? [], [tasks.data]);

  return (
    <div data-testid="open-tasks">
      {can(permissions, 'tasks', 'create') && (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button
            size="small"
            icon={<PlusOutlined />}
            data-testid="open-tasks-new"
            onClick={() => setDrawer({ mode: 'new', defaults: { entityType, entityId }, lockLink: true })}
          >
            {t('tasks.create')}
          </Button>
        </Flex>
      )}
      {tasks.isError ? (
        <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : (
        <Table<Task>
          rowKey="id"
          size="small"
          showHeader={false}
          pagination={false}
          loading={tasks.isLoading}
          dataSource={rows}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.noOpenTasks')} /> }}
          columns={[
            { key: 'done', width: 36, render: (_, task) => <CompleteCheckbox task={task} /> },
            {
              key: 'title',
              render: (_, task) => (
                <>
                  <Typography.Link onClick={() => setDrawer({ mode: 'edit', id: task.id, task })}>{task.title}</Typography.Link>
                  <RecurrenceIcon rule={task.recurrence} />
                </>
              ),
            },
            { key: 'due', render: (_, task) => <DueText task={task} />, onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
            { key: 'priority', render: (_, task) => <PriorityTag priority={task.priority} /> },
            {
              key: 'assignee',
              render: (_, task) => <Typography.Text type="secondary">{task.assigneeName ?? t('customers.otherUser')}</Typography.Text>,
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            },
          ]}
        />
      )}
      <LoadMore
        shown={rows.length}
        total={tasks.data?.pages[0]?.total}
        hasMore={!!tasks.hasNextPage}
        loading={tasks.isFetchingNextPage}
        onLoadMore={() => tasks.fetchNextPage()}
      />
      <TaskDrawer state={drawer} onClose={() => setDrawer({ mode: 'closed' })} />
    </div>
  );
}

/** The organization page's panel (registered in organizationPanels.ts). */
export function OrganizationTasksPanel({ organization }: { organization: Organization }) {
  return <OpenTasksList entityType="organizations" entityId={organization.id} />;
}

/** The contact page's card. */
export function ContactTasksCard({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  if (!can(permissions, 'tasks', 'read')) return null;
  return (
    <Card title={t('tasks.openTasks')}>
      <OpenTasksList entityType="contacts" entityId={contactId} />
    </Card>
  );
}
