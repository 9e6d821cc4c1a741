import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Flex, InputNumber, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Coverage, CoveragePerson } from '../../../shared/schemas/decision-chain';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { AccountTabs, accountTabPath } from '../key-accounts/AccountTabs';
import { useCoverage } from './api';
import { SUPPORT_COLORS } from './chainLabels';
import { RelationsCard } from './RelationsCard';

type MatrixRow = Coverage['rows'][number];

function PersonLine({ p }: { p: CoveragePerson }) {
  const { t } = useTranslation();
  const gap = p.gaps.length > 0;
  return (
    <div
      data-testid="coverage-person"
      style={{
        padding: '4px 6px',
        marginBottom: 4,
        borderRadius: 6,
        background: gap ? '#fff7e6' : '#f6ffed',
        borderLeft: `3px solid ${SUPPORT_COLORS[p.support].border}`,
      }}
    >
      <Flex justify="space-between" gap={4}>
        <Typography.Text strong>{p.contactName}</Typography.Text>
        {p.buyingRole && <Tag style={{ marginInlineEnd: 0 }}>{t(`decisionChain.roles.${p.buyingRole}`)}</Tag>}
      </Flex>
      <Typography.Text type={p.ourOwnerName ? 'secondary' : 'warning'} style={{ fontSize: 12, display: 'block' }}>
        {t('decisionChain.ourOwnerShort', { name: p.ourOwnerName ?? t('decisionChain.nobody') })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {t('decisionChain.coverage.lastContact', { date: p.lastContactAt ? dayjs(p.lastContactAt).format('YYYY-MM-DD') : t('common.never') })}
      </Typography.Text>
      {p.gaps.map((g) => (
        <Tag key={g} color="orange" icon={<WarningOutlined />} style={{ marginTop: 2 }}>
          {t(`decisionChain.coverage.gap.${g}`)}
        </Tag>
      ))}
    </div>
  );
}

/** The three layers of the relationship: organization to organization, key people, and every department we touch. */
export function CoveragePage() {
  const { organizationId = '' } = useParams();
  const { t } = useTranslation();
  const [staleDays, setStaleDays] = useState<number | undefined>();
  const coverage = useCoverage(organizationId, staleDays);

  const body = () => {
    if (coverage.isLoading) return <PageLoading />;
    if (coverage.isError || !coverage.data) return <QueryError error={coverage.error} onRetry={() => coverage.refetch()} />;
    const c = coverage.data;
    const columns = c.levels.map((level) => ({
      key: level,
      title: t(`decisionChain.levels.${level}`),
      render: (_: unknown, r: MatrixRow) =>
        (r.cells[level] ?? []).length > 0 ? (
          (r.cells[level] ?? []).map((p) => <PersonLine key={p.id} p={p} />)
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    }));
    return (
      <>
        <Row gutter={16} style={{ marginBottom: 16 }}>
          {(
            [
              ['total', c.gaps.total],
              ['emptyDepartments', c.gaps.emptyDepartments],
              ['uncoveredDeciders', c.gaps.uncoveredDeciders],
              ['stalePeople', c.gaps.stalePeople],
            ] as const
          ).map(([key, value]) => (
            <Col key={key} xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t(`decisionChain.coverage.${key}`, { days: c.staleDays })}
                  value={value}
                  valueStyle={{ color: value > 0 ? '#d46b08' : '#389e0d' }}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Card
          title={t('decisionChain.layers.broad')}
          extra={
            <Space>
              <Typography.Text type="secondary">{t('decisionChain.coverage.staleDays')}</Typography.Text>
              <InputNumber
                min={1}
                max={3650}
                value={staleDays ?? c.staleDays}
                onChange={(v) => setStaleDays(v ?? undefined)}
                aria-label={t('decisionChain.coverage.staleDays')}
              />
            </Space>
          }
          style={{ marginBottom: 16 }}
        >
          {c.rows.length === 0 ? (
            <Empty description={<Link to={accountTabPath(organizationId, 'chain')}>{t('decisionChain.coverage.empty')}</Link>} />
          ) : (
            <Table<MatrixRow>
              rowKey={(r) => r.departmentId ?? 'none'}
              size="small"
              pagination={false}
              dataSource={c.rows}
              data-testid="coverage-matrix"
              scroll={{ x: 900 }}
              columns={[
                {
                  key: 'department',
                  title: t('decisionChain.fields.department'),
                  width: 160,
                  render: (_, r) =>
                    r.empty ? (
                      <Tooltip title={t('decisionChain.coverage.gap.empty_department')}>
                        <Typography.Text type="warning">
                          <WarningOutlined /> {r.departmentName}
                        </Typography.Text>
                      </Tooltip>
                    ) : (
                      (r.departmentName ?? <Typography.Text type="secondary">{t('decisionChain.noDepartment')}</Typography.Text>)
                    ),
                },
                ...columns,
              ]}
              onRow={(r) => (r.empty ? { style: { background: '#fffbe6' } } : {})}
            />
          )}
        </Card>
      </>
    );
  };

  return (
    <div data-testid="coverage-page">
      <AccountTabs organizationId={organizationId} active="coverage" />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('decisionChain.coverage.method')} />
      {body()}
      <Card title={t('decisionChain.layers.key')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('decisionChain.coverage.keyLayer')} <Link to={accountTabPath(organizationId, 'chain')}>{t('decisionChain.openChain')}</Link>
        </Typography.Paragraph>
      </Card>
      <RelationsCard organizationId={organizationId} />
    </div>
  );
}
