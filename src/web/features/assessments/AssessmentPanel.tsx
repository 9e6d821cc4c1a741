import { Button, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organization } from '../../../shared/schemas/customers';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { accountTabPath } from '../key-accounts/AccountTabs';
import { useAssessmentOverview } from './api';

const AssessmentRadar = lazy(() => import('./AssessmentRadar').then((m) => ({ default: m.AssessmentRadar })));
const AssessmentTrend = lazy(() => import('./AssessmentTrend').then((m) => ({ default: m.AssessmentTrend })));

/** The organization page's panel: the latest relationship score, its shape and its trend, and a way in. */
export function AssessmentPanel({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const overview = useAssessmentOverview(organization.id);
  // The organization may be visible while lying outside the user's key-account scope.
  if (overview.error instanceof ApiError && overview.error.status === 404) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessments.panelOutOfScope')} />;
  }
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => overview.refetch()} />;
  if (overview.isLoading || !overview.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const o = overview.data;
  const links = (
    <Flex gap={8} style={{ marginTop: 8 }}>
      <Link to={accountTabPath(organization.id, 'assessments')}>
        <Button size="small" type="primary">
          {o.latest ? t('assessments.open') : t('assessments.new')}
        </Button>
      </Link>
      <Link to={accountTabPath(organization.id, 'plans')}>
        <Button size="small">{t('relationshipPlans.title')}</Button>
      </Link>
    </Flex>
  );
  if (!o.latest) {
    return (
      <div data-testid="assessment-panel">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessments.emptyAccount')} />
        {links}
      </div>
    );
  }
  const delta = o.previous ? Math.round((o.latest.average - o.previous.average) * 100) / 100 : null;
  return (
    <div data-testid="assessment-panel">
      <Row gutter={12} align="middle">
        <Col span={10}>
          <Statistic title={t('assessments.latestAverage', { date: o.latest.assessedOn })} value={o.latest.average} suffix={`/ ${o.latest.scaleMax}`} />
          {delta !== null && (
            <Typography.Text type={delta < 0 ? 'danger' : delta > 0 ? 'success' : 'secondary'} style={{ fontSize: 12 }}>
              {t('assessments.sincePrevious', { delta: delta > 0 ? `+${delta}` : String(delta) })}
            </Typography.Text>
          )}
          {o.trend.length >= 2 && (
            <Suspense fallback={null}>
              <AssessmentTrend overview={o} mode="average" height={44} compact />
            </Suspense>
          )}
        </Col>
        <Col span={14}>
          <Suspense fallback={<Skeleton.Node active style={{ width: 120, height: 120 }} />}>
            <AssessmentRadar dimensions={o.dimensions} latest={o.latest} previous={o.previous} scaleMax={o.scale.max} height={150} compact />
          </Suspense>
        </Col>
      </Row>
      {links}
    </div>
  );
}
