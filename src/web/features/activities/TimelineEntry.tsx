import { ArrowRightOutlined, DeleteOutlined, EditOutlined, EnvironmentOutlined, FlagOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Space, Tag, type TimelineProps, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { Activity, TimelineItem } from '../../../shared/schemas/activities';
import type { AuditEntry } from '../../../shared/schemas/audit';
import { AuditChanges, type ResolveName } from '../audit/AuditChanges';
import { actionLabel } from '../audit/auditLabels';
import { LifecycleTag } from '../customers/CustomerTags';
import { KIND_COLORS, KIND_ICONS, kindLabel } from './activityKinds';
import { When } from './When';

type TimelineItemType = NonNullable<TimelineProps['items']>[number];

export interface EntryContext {
  t: TFunction;
  resolve?: ResolveName;
  /** The page's own organization: not linked again on every entry. */
  organizationId?: string;
  contactId?: string;
  mayEdit: boolean;
  mayDelete: boolean;
  mayOpenOrganizations: boolean;
  mayOpenContacts: boolean;
  onEdit: (a: Activity) => void;
  onDelete: (a: Activity) => void;
}

const LIFECYCLE_FIELDS = new Set(['lifecycleStatus', 'lifecycleReason']);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * A change as the timeline shows it: a status change has its own lifecycle entry (with the
 * reason), so the change leaves it out, and a creation lists only the fields that were filled in.
 * An edit with nothing left to show is not shown.
 */
function shownChange(entry: AuditEntry): AuditEntry | null {
  if (!entry.changes) return entry;
  const ownLifecycle = entry.entityType === 'organizations';
  const changes = Object.fromEntries(
    Object.entries(entry.changes).filter(
      ([field, { after }]) => !(ownLifecycle && LIFECYCLE_FIELDS.has(field)) && !(entry.action === 'create' && isEmpty(after)),
    ),
  );
  if (entry.action === 'update' && Object.keys(changes).length === 0) return null;
  return { ...entry, changes };
}

function ActivityContent({ a, x }: { a: Activity; x: EntryContext }) {
  const { t } = x;
  const planned = a.occurredAt > new Date().toISOString();
  const others = a.contacts.filter((c) => c.contactId !== x.contactId);
  return (
    <Flex vertical gap={2}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <span>
          <Tag color={KIND_COLORS[a.kind]} icon={KIND_ICONS[a.kind]}>
            {kindLabel(t, a.kind)}
          </Tag>
          <Typography.Text strong>{a.subject}</Typography.Text>
          {planned && (
            <Tag color="orange" style={{ marginLeft: 8 }}>
              {t('activities.planned')}
            </Tag>
          )}
        </span>
        <Space size={0}>
          {x.mayEdit && (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => x.onEdit(a)} />
            </Tooltip>
          )}
          {x.mayDelete && (
            <Popconfirm
              title={t('activities.deleteConfirm', { subject: a.subject })}
              description={t('common.recycleBinHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => x.onDelete(a)}
            >
              <Tooltip title={t('common.delete')}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Tooltip>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      <span>
        <Typography.Text type="secondary">{a.ownerName ?? t('customers.otherUser')} · </Typography.Text>
        <When at={a.occurredAt} until={a.endsAt} />
      </span>
      {(a.location || (a.organizationName && a.organizationId !== x.organizationId) || others.length > 0) && (
        <Typography.Text type="secondary">
          {a.location && (
            <span style={{ marginRight: 12 }}>
              <EnvironmentOutlined /> {a.location}
            </span>
          )}
          {a.organizationName && a.organizationId !== x.organizationId && (
            <span style={{ marginRight: 12 }}>
              {x.mayOpenOrganizations ? <Link to={`/organizations/${a.organizationId}`}>{a.organizationName}</Link> : a.organizationName}
            </span>
          )}
          {others.length > 0 && (
            <span>
              {t('activities.with')}{' '}
              {others.map((c, i) => (
                <Fragment key={c.contactId}>
                  {i > 0 && '、'}
                  {x.mayOpenContacts ? <Link to={`/contacts/${c.contactId}`}>{c.contactName}</Link> : c.contactName}
                </Fragment>
              ))}
            </span>
          )}
        </Typography.Text>
      )}
      {a.body && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }} ellipsis={{ rows: 4, expandable: 'collapsible' }}>
          {a.body}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/** One timeline entry as an antd Timeline item, or null for a change with nothing left to show. */
export function timelineEntry(item: TimelineItem, x: EntryContext): TimelineItemType | null {
  const { t } = x;
  if (item.type === 'activity') {
    const a = item.activity;
    return { key: item.id, color: KIND_COLORS[a.kind], icon: KIND_ICONS[a.kind], content: <ActivityContent a={a} x={x} /> };
  }
  if (item.type === 'lifecycle') {
    const s = item.transition;
    return {
      key: item.id,
      color: 'gold',
      icon: <FlagOutlined />,
      content: (
        <Flex vertical gap={2}>
          <span>
            <Typography.Text strong style={{ marginRight: 8 }}>
              {t('activities.lifecycleChange')}
            </Typography.Text>
            {s.fromStatus && (
              <>
                <LifecycleTag status={s.fromStatus} />
                <ArrowRightOutlined aria-label={t('organizations.lifecycleTo')} style={{ marginRight: 8 }} />
              </>
            )}
            <LifecycleTag status={s.toStatus} />
          </span>
          <span>
            <Typography.Text type="secondary">{s.actorName ?? t('audit.system')} · </Typography.Text>
            <When at={s.at} />
          </span>
          {s.reason && <Typography.Text>{s.reason}</Typography.Text>}
        </Flex>
      ),
    };
  }
  const entry = shownChange(item.change);
  if (!entry) return null;
  return {
    key: item.id,
    color: 'gray',
    icon: <HistoryOutlined />,
    content: (
      <Flex vertical gap={2}>
        <Typography.Text>
          <Typography.Text strong>{actionLabel(t, entry.action)}</Typography.Text> · {entry.actorName ?? t('audit.system')}
        </Typography.Text>
        <When at={entry.at} />
        <AuditChanges entry={entry} resolve={x.resolve} />
      </Flex>
    ),
  };
}
