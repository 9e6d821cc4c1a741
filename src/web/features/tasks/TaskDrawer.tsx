import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../shared/schemas/tasks';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useDeleteTask, useTask } from './api';
import { type TaskDefaults, TaskForm } from './TaskForm';

/** Which task the drawer shows: a new one (with defaults), one already loaded, or one known only by id (a link, the calendar). */
export type TaskDrawerState = { mode: 'closed' } | { mode: 'new'; defaults?: TaskDefaults; lockLink?: boolean } | { mode: 'edit'; id: string; task?: Task };

interface Props {
  state: TaskDrawerState;
  onClose: () => void;
}

export function TaskDrawer({ state, onClose }: Props) {
  const { t } = useTranslation();
  const editing = state.mode === 'edit';
  return (
    <Drawer
      open={state.mode !== 'closed'}
      title={t(editing ? 'tasks.edit' : 'tasks.create')}
      onClose={onClose}
      destroyOnHidden
      size={560}
      data-testid="task-drawer"
    >
      {state.mode === 'new' && <TaskForm defaults={state.defaults} lockLink={state.lockLink} onDone={onClose} onCancel={onClose} />}
      {state.mode === 'edit' && <EditTask id={state.id} loaded={state.task} onClose={onClose} />}
    </Drawer>
  );
}

function EditTask({ id, loaded, onClose }: { id: string; loaded?: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { permissions } = useCurrentUser();
  // The list's copy shows at once; the fresh read keeps the version current (a reminder link, another tab's change).
  const fetched = useTask(id, loaded);
  const remove = useDeleteTask();
  const task = fetched.data;
  if (!task) return fetched.isError ? <QueryError error={fetched.error} onRetry={() => fetched.refetch()} /> : <PageLoading />;

  const mayUpdate = can(permissions, 'tasks', 'update');
  const deleteButton = can(permissions, 'tasks', 'delete') && (
    <Popconfirm
      title={t('tasks.deleteConfirm', { title: task.title })}
      description={t('common.recycleBinHint')}
      okText={t('common.delete')}
      okButtonProps={{ danger: true, loading: remove.isPending }}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        remove.mutate(task.id, {
          onSuccess: () => {
            void message.success(t('tasks.deleted'));
            onClose();
          },
          onError: (err) => showError(err),
        })
      }
    >
      <Button danger icon={<DeleteOutlined />} data-testid="task-delete">
        {t('common.delete')}
      </Button>
    </Popconfirm>
  );

  return (
    <>
      {task.source && (
        <Typography.Paragraph type="secondary">{t(`tasks.sources.${task.source.replace(':', '_')}`, { defaultValue: task.source })}</Typography.Paragraph>
      )}
      {mayUpdate ? (
        <TaskForm key={`${task.id}:${task.version}`} task={task} onDone={onClose} onCancel={onClose} extra={deleteButton} />
      ) : (
        <>
          <Typography.Title level={5}>{task.title}</Typography.Title>
          {task.notes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{task.notes}</Typography.Paragraph>}
          <Typography.Text type="secondary">{formatDateTime(task.dueAt)}</Typography.Text>
          <div style={{ marginTop: 16 }}>{deleteButton}</div>
        </>
      )}
    </>
  );
}
