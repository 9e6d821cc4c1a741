import { Card, Divider, Empty, Modal, Timeline, type TimelineProps, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../shared/schemas/activities';
import { LoadMore } from '../../components/LoadMore';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import type { ResolveName } from '../audit/AuditChanges';
import { useCurrentUser } from '../auth/api';
import { ActivityForm, type ActivityFormProps } from './ActivityForm';
import { type TimelineOf, useDeleteActivity, useTimeline } from './api';
import { timelineEntry } from './TimelineEntry';

interface Props {
  of: TimelineOf;
  /** How the quick-log and edit forms link activities on this page (the fixed organization or contact). */
  form: Pick<ActivityFormProps, 'organizationId' | 'contactId' | 'organizationChoices'>;
  /** Names for ids and codes in the record's changes. */
  resolve?: ResolveName;
}

/**
 * The 360° stream of one organization or contact: quick log on top (with activities create
 * permission), then activities, changes and lifecycle steps, newest first.
 */
export function ActivityTimeline({ of, form, resolve }: Props) {
  const { t } = useTranslation();
  const showError = useShowError();
  const { permissions } = useCurrentUser();
  const timeline = useTimeline(of);
  const remove = useDeleteActivity();
  const [editing, setEditing] = useState<Activity | null>(null);
  const mayCreate = can(permissions, 'activities', 'create');

  const items = useMemo(() => {
    const x = {
      t,
      resolve,
      organizationId: of.organizationId,
      contactId: of.contactId,
      mayEdit: can(permissions, 'activities', 'update'),
      mayDelete: can(permissions, 'activities', 'delete'),
      mayOpenOrganizations: can(permissions, 'organizations', 'read'),
      mayOpenContacts: can(permissions, 'contacts', 'read'),
      onEdit: setEditing,
      onDelete: (a: Activity) => remove.mutate(a.id, { onError: (err) => showError(err) }),
    };
    return (timeline.data?.pages.flatMap((p) => p.items) ?? []).flatMap((item) => timelineEntry(item, x) ?? []) as NonNullable<TimelineProps['items']>;
  }, [timeline.data, t, resolve, of.organizationId, of.contactId, permissions, remove.mutate, showError]);

  return (
    <Card title={t('activities.timeline')}>
      {mayCreate && (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('activities.quickLog')}
          </Typography.Title>
          <ActivityForm {...form} compact />
          <Divider style={{ margin: '12px 0 20px' }} />
        </>
      )}
      {timeline.isPending ? (
        <PageLoading />
      ) : timeline.isError ? (
        <QueryError error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : items.length === 0 && !timeline.hasNextPage ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.timelineEmpty')} />
      ) : (
        <>
          <Timeline items={items} />
          <LoadMore shown={items.length} hasMore={!!timeline.hasNextPage} loading={timeline.isFetchingNextPage} onLoadMore={() => timeline.fetchNextPage()} />
        </>
      )}
      <Modal open={!!editing} title={t('activities.edit')} footer={null} onCancel={() => setEditing(null)} destroyOnHidden width={640}>
        {editing && <ActivityForm {...form} contactId={undefined} activity={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />}
      </Modal>
    </Card>
  );
}
