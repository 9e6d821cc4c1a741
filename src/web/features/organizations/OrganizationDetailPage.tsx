import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Collapse, Flex, Popconfirm, Result, Row, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Organization } from '../../../shared/schemas/customers';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { RecordPanels } from '../../components/RecordPanels';
import { ApiError } from '../../lib/api';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { ActivityTimeline } from '../activities/ActivityTimeline';
import { useCurrentUser } from '../auth/api';
import { LifecycleTag, TagList, TierTag } from '../customers/CustomerTags';
import { partyTypeLabel } from '../customers/customerLabels';
import { OwnerName } from '../customers/OwnerName';
import { useHistoryResolve } from '../customers/useHistoryResolve';
import { MergeButton } from '../merge/MergeButton';
import { PoolActions } from '../pool/PoolActions';
import { useRecordView } from '../search/api';
import { useDeleteOrganization, useOrganization } from './api';
import { LifecycleTimeline } from './LifecycleTimeline';
import { OrganizationContactsPanel } from './OrganizationContactsPanel';
import { OrganizationFormDrawer } from './OrganizationFormDrawer';
import { OrganizationProfile } from './OrganizationProfile';
import { ORGANIZATION_PANELS } from './organizationPanels';

/** The 360° view of one organization: profile, people, lifecycle, history, and other modules' panels. */
export function OrganizationDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const organization = useOrganization(id);
  useRecordView('organizations', organization.data?.id);

  if (organization.isPending) return <PageLoading />;
  if (organization.isError) {
    if (organization.error instanceof ApiError && organization.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('organizations.notFound')}
          subTitle={t('errors.not_found')}
          extra={
            <Link to="/organizations">
              <Button type="primary">{t('organizations.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <QueryError error={organization.error} onRetry={() => organization.refetch()} />;
  }
  return <OrganizationView organization={organization.data} />;
}

function OrganizationView({ organization: o }: { organization: Organization }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const remove = useDeleteOrganization();
  const resolve = useHistoryResolve();
  const { token } = theme.useToken();

  const onDelete = () =>
    remove.mutate(o.id, {
      onSuccess: () => {
        void message.success(t('organizations.deleted'));
        navigate('/organizations', { replace: true });
      },
      onError: (err) => showError(err),
    });

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/organizations">{t('organizations.title')}</Link> }, { title: o.name }]} />
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex vertical gap={8}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
            {o.name}
          </Typography.Title>
          <Flex wrap gap={8} align="center">
            <Typography.Text type="secondary">{partyTypeLabel(t, o.partyType)}</Typography.Text>
            <span>
              <LifecycleTag status={o.lifecycleStatus} />
              <TierTag tier={o.tier} />
            </span>
            <Typography.Text type="secondary">
              {t('customers.owner')}: <OwnerName id={o.ownerId} />
            </Typography.Text>
            <span>
              <TagList tags={o.tags} />
            </span>
          </Flex>
        </Flex>
        <Space wrap>
          {can(permissions, 'organizations', 'update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {can(permissions, 'organizations', 'delete') && (
            <Popconfirm
              title={t('organizations.deleteConfirm', { name: o.name })}
              description={t('common.recycleBinHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true, loading: remove.isPending }}
              cancelText={t('common.cancel')}
              onConfirm={onDelete}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
          <PoolActions organization={o} />
          <MergeButton type="organizations" id={o.id} />
        </Space>
      </Flex>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('organizations.profile')}>
              <OrganizationProfile organization={o} />
            </Card>
            <OrganizationContactsPanel organizationId={o.id} />
            <RecordPanels panels={ORGANIZATION_PANELS} props={{ organization: o }} />
            {/* The timeline shows every step too; this is the steps alone, rendered when opened. */}
            <Collapse
              style={{ background: token.colorBgContainer }}
              items={[{ key: 'lifecycle', label: t('organizations.lifecycleHistory'), children: <LifecycleTimeline organizationId={o.id} /> }]}
            />
          </Flex>
        </Col>
        {/* The activity column: quick log, then activities, changes and lifecycle steps (the record's history folded in). */}
        <Col xs={24} xl={10}>
          <ActivityTimeline of={{ organizationId: o.id }} form={{ organizationId: o.id }} resolve={resolve} />
        </Col>
      </Row>
      <OrganizationFormDrawer open={editing} organization={o} onClose={() => setEditing(false)} />
    </>
  );
}
