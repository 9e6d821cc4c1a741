import { DeleteOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Flex, Popconfirm, Result, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { RecordHistory } from '../audit/RecordHistory';
import { useCurrentUser } from '../auth/api';
import { useRecordView } from '../search/api';
import { useDeleteLead, useLead } from './api';
import { ConvertLeadModal } from './ConvertLeadModal';
import { LeadFormDrawer } from './LeadFormDrawer';
import { LeadStatusTag } from './leadLabels';

/** One lead: its details, what it was converted into, and its full change history. */
export function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const lead = useLead(id);
  const remove = useDeleteLead();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  useRecordView('leads', lead.data ? id : undefined);

  if (lead.isPending) return <PageLoading />;
  if (lead.isError) {
    if (lead.error instanceof ApiError && lead.error.status === 404)
      return <Result status="404" title={t('leads.notFound')} extra={<Link to="/leads">{t('leads.backToList')}</Link>} />;
    return <QueryError error={lead.error} onRetry={() => lead.refetch()} />;
  }
  const l = lead.data;
  const converted = l.status === 'converted';
  const mayUpdate = can(me.permissions, 'leads', 'update') && !converted;
  const mayConvert = mayUpdate && can(me.permissions, 'organizations', 'create') && can(me.permissions, 'contacts', 'create');
  const mayDelete = can(me.permissions, 'leads', 'delete');

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/leads">{t('leads.title')}</Link> }, { title: l.name }]} />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space align="center" wrap>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
            {l.name}
          </Typography.Title>
          <LeadStatusTag status={l.status} />
        </Space>
        <Space wrap>
          {mayConvert && (
            <Button type="primary" icon={<SwapOutlined />} onClick={() => setConverting(true)}>
              {t('leads.convert.button')}
            </Button>
          )}
          {mayUpdate && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {mayDelete && (
            <Popconfirm
              title={t('leads.deleteConfirm', { name: l.name })}
              onConfirm={() =>
                remove.mutate(l.id, {
                  onSuccess: () => {
                    message.success(t('leads.deleted'));
                    navigate('/leads');
                  },
                  onError: (err) => showError(err),
                })
              }
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      {converted && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('leads.convertedAt', { at: formatDateTime(l.convertedAt) })}
          description={
            <Space wrap size="large">
              {l.convertedOrganizationId && (
                <span>
                  {t('leads.convert.organization')}: <Link to={`/organizations/${l.convertedOrganizationId}`}>{l.convertedOrganizationName ?? '—'}</Link>
                </span>
              )}
              {l.convertedContactId && (
                <span>
                  {t('leads.convert.contact')}: <Link to={`/contacts/${l.convertedContactId}`}>{l.convertedContactName ?? '—'}</Link>
                </span>
              )}
              {l.convertedOpportunityId && <Link to={`/opportunities/${l.convertedOpportunityId}`}>{t('leads.convert.openOpportunity')}</Link>}
            </Space>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('leads.details')}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'company', label: t('leads.company'), children: l.company ?? '—' },
                { key: 'title', label: t('leads.jobTitle'), children: l.title ?? '—' },
                { key: 'phone', label: t('leads.phone'), children: l.phone ?? '—' },
                { key: 'email', label: t('leads.email'), children: l.email ?? '—' },
                { key: 'source', label: t('leads.sourceLabel'), children: t(`leads.source.${l.source}`) },
                { key: 'industry', label: t('leads.industry'), children: l.industry ?? '—' },
                { key: 'region', label: t('leads.province'), children: [l.provinceName, l.cityName].filter(Boolean).join(' ') || '—' },
                { key: 'owner', label: t('leads.owner'), children: l.ownerName ?? '—' },
                { key: 'created', label: t('leads.createdAt'), children: formatDateTime(l.createdAt) },
                { key: 'updated', label: t('leads.updatedAt'), children: formatDateTime(l.updatedAt) },
                {
                  key: 'notes',
                  label: t('leads.qualificationNotes'),
                  span: 'filled',
                  children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{l.qualificationNotes ?? '—'}</Typography.Paragraph>,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('leads.history')}>
            <RecordHistory type="leads" id={l.id} />
          </Card>
        </Col>
      </Row>
      {!converted && <LeadFormDrawer open={editing} lead={l} onClose={() => setEditing(false)} />}
      {mayConvert && <ConvertLeadModal lead={l} open={converting} onClose={() => setConverting(false)} />}
    </>
  );
}
