import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Segmented, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Assessment, AssessmentOverview } from '../../../shared/schemas/assessments';
import { LoadMore } from '../../components/LoadMore';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { AccountTabs } from '../key-accounts/AccountTabs';
import { type AssessmentDrawerState, AssessmentFormDrawer } from './AssessmentFormDrawer';
import { useAssessmentOverview, useAssessments, useDeleteAssessment } from './api';
import { dimensionName } from './dimensionName';
import { keyAccountError } from './keyAccountError';

// ECharts is large: the charts load only when there is something to draw.
const AssessmentRadar = lazy(() => import('./AssessmentRadar').then((m) => ({ default: m.AssessmentRadar })));
const AssessmentTrend = lazy(() => import('./AssessmentTrend').then((m) => ({ default: m.AssessmentTrend })));

function Delta({ now, before }: { now: number; before: number | undefined }) {
  if (before === undefined) return null;
  const d = Math.round((now - before) * 100) / 100;
  if (d === 0) return <Typography.Text type="secondary">±0</Typography.Text>;
  return (
    <Typography.Text style={{ color: d > 0 ? '#389e0d' : '#cf1322' }}>
      {d > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(d)}
    </Typography.Text>
  );
}

/** Latest against previous, per dimension, beside the radar. */
function Comparison({ overview }: { overview: AssessmentOverview }) {
  const { t, i18n } = useTranslation();
  const { latest, previous } = overview;
  if (!latest) return null;
  const scoreOf = (a: Assessment | null, id: string) => a?.scores.find((s) => s.dimensionId === id)?.score;
  return (
    <>
      <Flex gap={32} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('assessments.latestAverage', { date: latest.assessedOn })} value={latest.average} suffix={`/ ${latest.scaleMax}`} />
        {previous && (
          <Statistic title={t('assessments.previousAverage', { date: previous.assessedOn })} value={previous.average} suffix={`/ ${previous.scaleMax}`} />
        )}
      </Flex>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={overview.dimensions}
        columns={[
          { key: 'name', title: t('assessments.dimension'), render: (_, d) => dimensionName(d, i18n.language) },
          { key: 'previous', title: t('assessments.previousShort'), align: 'center', render: (_, d) => scoreOf(previous, d.id) ?? '—' },
          { key: 'latest', title: t('assessments.latestShort'), align: 'center', render: (_, d) => <strong>{scoreOf(latest, d.id) ?? '—'}</strong> },
          {
            key: 'change',
            title: t('assessments.change'),
            align: 'center',
            render: (_, d) => {
              const now = scoreOf(latest, d.id);
              return now === undefined ? null : <Delta now={now} before={scoreOf(previous, d.id)} />;
            },
          },
        ]}
      />
    </>
  );
}

function History({ organizationId, onEdit }: { organizationId: string; onEdit: (a: Assessment) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const list = useAssessments(organizationId);
  const remove = useDeleteAssessment();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessments.none')} /> }}
        expandable={{
          rowExpandable: (a) => a.scores.some((s) => s.comment) || !!a.notes,
          expandedRowRender: (a) => (
            <div>
              {a.notes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.notes}</Typography.Paragraph>}
              {a.scores
                .filter((s) => s.comment)
                .map((s) => (
                  <div key={s.dimensionId}>
                    <Typography.Text strong>{`${dimensionName(s, i18n.language)} (${s.score})：`}</Typography.Text>
                    <Typography.Text>{s.comment}</Typography.Text>
                  </div>
                ))}
            </div>
          ),
        }}
        columns={[
          {
            key: 'date',
            title: t('assessments.assessedOn'),
            render: (_, a) => (
              <>
                {a.assessedOn} {a.isLatest && <Tag color="blue">{t('assessments.latestTag')}</Tag>}
              </>
            ),
          },
          { key: 'assessor', title: t('assessments.assessor'), render: (_, a) => a.assessorName ?? '—' },
          { key: 'average', title: t('assessments.average'), render: (_, a) => `${a.average} / ${a.scaleMax}` },
          { key: 'notes', title: t('assessments.notes'), ellipsis: true, render: (_, a) => a.notes ?? '' },
          {
            key: 'actions',
            title: '',
            width: 100,
            render: (_, a) => (
              <Flex gap={4}>
                {a.canEdit && can(me.permissions, 'key_accounts', 'update') && (
                  <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => onEdit(a)} />
                )}
                {can(me.permissions, 'key_accounts', 'delete') && (
                  <Popconfirm
                    title={t('assessments.deleteConfirm')}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      remove.mutateAsync(a.id).then(
                        () => message.success(t('assessments.deleted')),
                        (err) => message.error(keyAccountError(t, err)),
                      )
                    }
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <LoadMore
        shown={items.length}
        total={list.data?.pages[0]?.total}
        hasMore={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => list.fetchNextPage()}
      />
    </>
  );
}

/** The six-dimension assessment of one key account: radar (latest vs previous), trend and history. */
export function AssessmentsPage() {
  const { organizationId = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const overview = useAssessmentOverview(organizationId);
  const [drawer, setDrawer] = useState<AssessmentDrawerState>({ mode: 'closed' });
  const [trendMode, setTrendMode] = useState<'average' | 'dimensions'>('average');
  const canCreate = can(me.permissions, 'key_accounts', 'create');

  const body = () => {
    if (overview.isLoading) return <PageLoading />;
    if (overview.isError || !overview.data) return <QueryError error={overview.error} onRetry={() => overview.refetch()} />;
    const o = overview.data;
    if (!o.latest) {
      return (
        <Card>
          <Empty description={t('assessments.emptyAccount')}>
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'new' })}>
                {t('assessments.new')}
              </Button>
            )}
          </Empty>
        </Card>
      );
    }
    return (
      <>
        <Row gutter={16}>
          <Col xs={24} lg={13}>
            <Card title={t('assessments.radar')} style={{ marginBottom: 16 }}>
              <Suspense fallback={<Skeleton active />}>
                <AssessmentRadar dimensions={o.dimensions} latest={o.latest} previous={o.previous} scaleMax={o.scale.max} />
              </Suspense>
            </Card>
          </Col>
          <Col xs={24} lg={11}>
            <Card title={t('assessments.comparison')} style={{ marginBottom: 16 }}>
              <Comparison overview={o} />
            </Card>
          </Col>
        </Row>
        <Card
          title={t('assessments.trend')}
          style={{ marginBottom: 16 }}
          extra={
            <Segmented
              size="small"
              value={trendMode}
              onChange={(v) => setTrendMode(v as typeof trendMode)}
              options={[
                { value: 'average', label: t('assessments.trendAverage') },
                { value: 'dimensions', label: t('assessments.trendDimensions') },
              ]}
            />
          }
        >
          {o.trend.length < 2 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessments.trendNeedsTwo')} />
          ) : (
            <Suspense fallback={<Skeleton active />}>
              <AssessmentTrend overview={o} mode={trendMode} />
            </Suspense>
          )}
        </Card>
      </>
    );
  };

  return (
    <div data-testid="assessments-page">
      <AccountTabs
        organizationId={organizationId}
        active="assessments"
        extra={
          canCreate &&
          overview.data?.latest && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'new' })}>
              {t('assessments.new')}
            </Button>
          )
        }
      />
      {body()}
      {overview.data?.latest && (
        <Card title={t('assessments.history')}>
          <History organizationId={organizationId} onEdit={(assessment) => setDrawer({ mode: 'edit', assessment })} />
        </Card>
      )}
      <AssessmentFormDrawer organizationId={organizationId} state={drawer} onClose={() => setDrawer({ mode: 'closed' })} />
    </div>
  );
}
