import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Row,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { OpportunityDetail, Stage } from '../../../shared/schemas/opportunities';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useRecordView } from '../search/api';
import { useDeleteOpportunity, useOpportunity, usePipelines, useStageHistory, useUpdateOpportunity } from './api';
import { CloseDealModal, type CloseValues } from './CloseDealModal';
import { OpportunityFormDrawer } from './OpportunityFormDrawer';
import { formatAmount, formatDuration, localName, STATUS_COLORS, stageNameOf } from './opportunityLabels';
import { OPPORTUNITY_PANELS } from './opportunityPanels';

export function OpportunityDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const deal = useOpportunity(id);
  useRecordView('opportunities', deal.data?.id);
  if (deal.isPending) return <PageLoading />;
  if (deal.isError) {
    if (deal.error instanceof ApiError && deal.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('opportunities.notFound')}
          subTitle={t('errors.not_found')}
          extra={
            <Link to="/opportunities">
              <Button type="primary">{t('opportunities.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <QueryError error={deal.error} onRetry={() => deal.refetch()} />;
  }
  return <DealView deal={deal.data} />;
}

const dash = (v: string | null | undefined) => v || '—';

function DealView({ deal: o }: { deal: OpportunityDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const pipelines = usePipelines();
  const update = useUpdateOpportunity();
  const remove = useDeleteOpportunity();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState<Stage | null>(null);
  const pipeline = pipelines.data?.find((p) => p.id === o.pipelineId);
  const mayUpdate = can(permissions, 'opportunities', 'update');

  const moveTo = (stage: Stage, close: CloseValues = {}) =>
    update.mutate(
      { id: o.id, version: o.version, stageId: stage.id, ...close },
      {
        onSuccess: () => {
          setClosing(null);
          void message.success(t('opportunities.moved', { name: o.name, stage: localName(stage, i18n.language) }));
        },
        onError: (err) => showError(err),
      },
    );
  const pick = (stage: Stage) => {
    if (stage.id === o.stageId || !mayUpdate) return;
    if (stage.kind === 'open') moveTo(stage);
    else setClosing(stage);
  };

  const openStages = pipeline?.stages.filter((s) => s.kind === 'open') ?? [];
  const closingStages = pipeline?.stages.filter((s) => s.kind !== 'open') ?? [];
  const current = openStages.findIndex((s) => s.id === o.stageId);

  const items: DescriptionsProps['items'] = [
    {
      key: 'organization',
      label: t('opportunities.fields.organization'),
      children: <Link to={`/organizations/${o.organizationId}`}>{dash(o.organizationName)}</Link>,
    },
    { key: 'pipeline', label: t('opportunities.fields.pipeline'), children: pipeline ? localName(pipeline, i18n.language) : '—' },
    { key: 'amount', label: t('opportunities.fields.amount'), children: formatAmount(o.amount, o.currency) },
    { key: 'weighted', label: t('opportunities.fields.weightedAmount'), children: `${formatAmount(o.weightedAmount, o.currency)} (${o.probability}%)` },
    { key: 'close', label: t('opportunities.fields.expectedCloseDate'), children: dash(o.expectedCloseDate) },
    { key: 'owner', label: t('opportunities.fields.owner'), children: dash(o.ownerName) },
    { key: 'source', label: t('opportunities.fields.source'), children: dash(o.source) },
    { key: 'nextStep', label: t('opportunities.fields.nextStep'), span: 'filled', children: dash(o.nextStep) },
    ...(o.status !== 'open'
      ? [
          { key: 'closedAt', label: t('opportunities.fields.closedAt'), children: formatDateTime(o.closedAt) },
          ...(o.closeReason ? [{ key: 'reason', label: t('opportunities.fields.lostReason'), children: t(`opportunities.lostReasons.${o.closeReason}`) }] : []),
          {
            key: 'note',
            label: o.status === 'won' ? t('opportunities.fields.wonReason') : t('opportunities.fields.closeNote'),
            children: dash(o.closeNote),
          },
        ]
      : []),
    {
      key: 'description',
      label: t('opportunities.fields.description'),
      span: 'filled',
      children: o.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.description}</Typography.Paragraph> : '—',
    },
    { key: 'created', label: t('customers.createdAt'), children: formatDateTime(o.createdAt) },
    { key: 'updated', label: t('customers.updatedAt'), children: formatDateTime(o.updatedAt) },
  ];

  const panels = OPPORTUNITY_PANELS.filter((p) => p.visible?.(permissions) ?? true);

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/opportunities">{t('opportunities.title')}</Link> }, { title: o.name }]} />
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex vertical gap={8}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
            {o.name}
          </Typography.Title>
          <Flex wrap gap={8} align="center">
            <Tag color={STATUS_COLORS[o.status]} data-testid="deal-stage">
              {stageNameOf(o, i18n.language)}
            </Tag>
            <Typography.Text strong>{formatAmount(o.amount, o.currency)}</Typography.Text>
            <Typography.Text type="secondary">{o.organizationName}</Typography.Text>
          </Flex>
        </Flex>
        <Space wrap>
          {mayUpdate && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {can(permissions, 'opportunities', 'delete') && (
            <Popconfirm
              title={t('opportunities.deleteConfirm', { name: o.name })}
              description={t('common.recycleBinHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true, loading: remove.isPending }}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                remove.mutate(o.id, {
                  onSuccess: () => {
                    void message.success(t('opportunities.deleted'));
                    navigate('/opportunities', { replace: true });
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

      {pipeline && (
        <Card style={{ marginBottom: 16 }}>
          <Flex gap={16} align="center" wrap>
            <Steps
              size="small"
              style={{ flex: 1, minWidth: 320 }}
              current={o.status === 'open' ? current : openStages.length}
              status={o.status === 'lost' ? 'error' : o.status === 'won' ? 'finish' : 'process'}
              onChange={mayUpdate ? (i) => pick(openStages[i]) : undefined}
              items={openStages.map((s) => ({ title: localName(s, i18n.language), description: `${s.probability}%` }))}
            />
            {mayUpdate && (
              <Space>
                {closingStages.map((s) => (
                  <Button
                    key={s.id}
                    type={s.kind === 'won' ? 'primary' : 'default'}
                    danger={s.kind === 'lost'}
                    disabled={s.id === o.stageId}
                    onClick={() => pick(s)}
                    data-testid={`mark-${s.kind}`}
                  >
                    {localName(s, i18n.language)}
                  </Button>
                ))}
              </Space>
            )}
          </Flex>
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('opportunities.profile')}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} />
            </Card>
            <Card title={t('opportunities.contacts')}>
              <Table
                rowKey="contactId"
                size="small"
                pagination={false}
                dataSource={o.contacts}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.noContacts')} /> }}
                columns={[
                  {
                    title: t('opportunities.fields.contact'),
                    key: 'contact',
                    render: (_, c) => (c.contactName ? <Link to={`/contacts/${c.contactId}`}>{c.contactName}</Link> : t('opportunities.hiddenContact')),
                  },
                  { title: t('opportunities.fields.buyingRole'), key: 'role', render: (_, c) => t(`opportunities.roles.${c.buyingRole}`) },
                ]}
              />
            </Card>
            <Card title={t('opportunities.competitors')}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={o.competitors}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.noCompetitors')} /> }}
                columns={[
                  { title: t('opportunities.fields.competitor'), dataIndex: 'name', key: 'name' },
                  { title: t('opportunities.fields.strengths'), dataIndex: 'strengths', key: 'strengths', render: dash },
                  { title: t('opportunities.fields.weaknesses'), dataIndex: 'weaknesses', key: 'weaknesses', render: dash },
                ]}
              />
            </Card>
            {panels.map(({ key, title, component: Panel }) => (
              <Card key={key} title={t(title)}>
                <Suspense fallback={<PageLoading />}>
                  <Panel opportunity={o} />
                </Suspense>
              </Card>
            ))}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <StageHistoryCard id={o.id} />
        </Col>
      </Row>
      <OpportunityFormDrawer open={editing} opportunity={o} onClose={() => setEditing(false)} />
      <CloseDealModal
        kind={closing ? (closing.kind as 'won' | 'lost') : null}
        dealName={o.name}
        loading={update.isPending}
        onCancel={() => setClosing(null)}
        onOk={(values) => closing && moveTo(closing, values)}
      />
    </>
  );
}

/** Every stage the deal passed through and how long it stayed (saving the deal invalidates it with the rest). */
function StageHistoryCard({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const history = useStageHistory(id);
  return (
    <Card title={t('opportunities.stageHistory')}>
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => history.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Table
            rowKey="id"
            size="small"
            loading={history.isPending}
            pagination={false}
            dataSource={history.data?.items ?? []}
            columns={[
              {
                title: t('opportunities.fields.stage'),
                key: 'stage',
                render: (_, h) => localName({ name: h.stageName, nameZh: h.stageNameZh }, i18n.language),
              },
              { title: t('opportunities.enteredAt'), key: 'entered', render: (_, h) => formatDateTime(h.enteredAt) },
              {
                title: t('opportunities.timeInStage'),
                key: 'time',
                render: (_, h) => (
                  <>
                    {formatDuration(t, h.seconds)}
                    {!h.leftAt && (
                      <Tag style={{ marginInlineStart: 6 }} color="processing">
                        {t('opportunities.current')}
                      </Tag>
                    )}
                  </>
                ),
              },
              { title: t('opportunities.movedBy'), key: 'by', render: (_, h) => dash(h.movedByName) },
            ]}
          />
          {history.data && history.data.perStage.length > 0 && (
            <Descriptions
              size="small"
              column={1}
              title={t('opportunities.totalPerStage')}
              items={history.data.perStage.map((p) => ({
                key: p.stageId,
                label: localName({ name: p.stageName, nameZh: p.stageNameZh }, i18n.language),
                children: formatDuration(t, p.seconds),
              }))}
            />
          )}
        </Flex>
      )}
    </Card>
  );
}
