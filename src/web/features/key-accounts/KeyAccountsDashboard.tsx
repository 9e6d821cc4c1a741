import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Empty, List, Row, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '../../../shared/schemas/decision-chain';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useKeyAccountDashboard } from '../decision-chain/api';
import { accountTabPath } from './AccountTabs';

type Account = Dashboard['accounts'][number];
const TIER_FILTERS = ['', 'key', 'A', 'B', 'C'] as const;

/** A side list of things that need attention soon. */
function DueList<T>({ title, items, render, testId }: { title: string; items: T[] | undefined; render(item: T): React.ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }} data-testid={testId}>
      {items && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keyAccounts.nothingDue')} />
      ) : (
        <List size="small" loading={!items} dataSource={items ?? []} renderItem={(item) => <List.Item>{render(item)}</List.Item>} />
      )}
    </Card>
  );
}

function Trend({ average, previous }: { average: number; previous: number | null }) {
  if (previous === null || previous === average) return null;
  return average > previous ? <ArrowUpOutlined style={{ color: '#389e0d' }} /> : <ArrowDownOutlined style={{ color: '#cf1322' }} />;
}

/** Key accounts at a glance: how each relationship stands and what needs attention. */
export function KeyAccountsDashboard() {
  const { t } = useTranslation();
  const [tier, setTier] = useState<(typeof TIER_FILTERS)[number]>('');
  const dashboard = useKeyAccountDashboard(tier || undefined);

  return (
    <div data-testid="key-accounts-dashboard">
      <PageHeader
        title={t('keyAccounts.title')}
        description={t('keyAccounts.description')}
        extra={
          <Segmented
            value={tier}
            onChange={(v) => setTier(v as typeof tier)}
            options={TIER_FILTERS.map((v) => ({ value: v, label: v ? t(`customers.tiers.${v}`) : t('keyAccounts.defaultTiers') }))}
          />
        }
      />
      {dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={17}>
            <Table<Account>
              rowKey="organizationId"
              loading={dashboard.isLoading}
              dataSource={dashboard.data?.accounts ?? []}
              pagination={false}
              locale={{ emptyText: <Empty description={t('keyAccounts.empty')} /> }}
              footer={dashboard.data?.truncated ? () => t('keyAccounts.truncated') : undefined}
              columns={[
                {
                  key: 'name',
                  title: t('keyAccounts.account'),
                  sorter: (a, b) => a.name.localeCompare(b.name),
                  render: (_, a) => (
                    <>
                      <Link to={accountTabPath(a.organizationId, 'chain')}>{a.name}</Link>
                      {a.tier && <Tag style={{ marginLeft: 8 }}>{t(`customers.tiers.${a.tier}`)}</Tag>}
                    </>
                  ),
                },
                { key: 'owner', title: t('keyAccounts.owner'), render: (_, a) => a.ownerName ?? '—' },
                {
                  key: 'chain',
                  title: t('keyAccounts.chain'),
                  sorter: (a, b) => a.people - b.people,
                  render: (_, a) =>
                    a.people === 0 ? (
                      <Typography.Text type="secondary">{t('keyAccounts.noChain')}</Typography.Text>
                    ) : (
                      <>
                        {t('keyAccounts.peopleCount', { count: a.people })} <Tag color="green">{t('keyAccounts.supportersCount', { count: a.supporters })}</Tag>
                        <Tag color="red">{t('keyAccounts.opponentsCount', { count: a.opponents })}</Tag>
                      </>
                    ),
                },
                {
                  key: 'gaps',
                  title: t('keyAccounts.gaps'),
                  sorter: (a, b) => a.gaps - b.gaps,
                  render: (_, a) => (
                    <Link to={accountTabPath(a.organizationId, 'coverage')}>
                      <Tag color={a.gaps > 0 ? 'orange' : 'green'}>{a.gaps}</Tag>
                    </Link>
                  ),
                },
                {
                  key: 'assessment',
                  title: t('keyAccounts.assessment'),
                  sorter: (a, b) => (a.assessment?.average ?? -1) - (b.assessment?.average ?? -1),
                  render: (_, a) =>
                    a.assessment ? (
                      <Link to={accountTabPath(a.organizationId, 'assessments')}>
                        {t('keyAccounts.assessmentValue', {
                          average: a.assessment.average.toFixed(1),
                          max: a.assessment.scaleMax,
                          date: a.assessment.assessedOn,
                        })}{' '}
                        <Trend average={a.assessment.average} previous={a.assessment.previousAverage} />
                      </Link>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </Col>
          <Col xs={24} xl={7}>
            <DueList
              title={t('keyAccounts.cardsDue')}
              testId="cards-due"
              items={dashboard.data?.cardsDue}
              render={(c) => (
                <Link to={`/expansion-cards/${c.id}`}>
                  {c.nextReviewOn && <Typography.Text type="secondary">{c.nextReviewOn} · </Typography.Text>}
                  {c.title}
                  {c.organizationName && <Typography.Text type="secondary"> · {c.organizationName}</Typography.Text>}
                </Link>
              )}
            />
            <DueList
              title={t('keyAccounts.keyDates')}
              testId="key-dates"
              items={dashboard.data?.keyDates}
              render={(d) => (
                <Link to={`/expansion-cards/${d.cardId}`}>
                  <Typography.Text type="secondary">{d.on} · </Typography.Text>
                  {d.label}
                  {d.targetName && ` · ${d.targetName}`}
                </Link>
              )}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
