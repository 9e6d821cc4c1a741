import {
  BarChartOutlined,
  ClockCircleOutlined,
  FallOutlined,
  FieldTimeOutlined,
  FunnelPlotOutlined,
  PieChartOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SALES_REPORTS, type SalesReportKey } from '../../../shared/schemas/reports';
import { PageHeader } from '../../components/PageHeader';

const ICONS: Record<SalesReportKey, React.ReactNode> = {
  funnel: <FunnelPlotOutlined />,
  'win-rate': <TrophyOutlined />,
  'sales-cycle': <FieldTimeOutlined />,
  forecast: <PieChartOutlined />,
  revenue: <BarChartOutlined />,
  'new-customers': <UserAddOutlined />,
  'overdue-receivables': <ClockCircleOutlined />,
};

export function SalesReportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('salesReports.title')} description={t('salesReports.description')} />
      <Row gutter={[16, 16]}>
        {SALES_REPORTS.map((report) => (
          <Col key={report} xs={24} sm={12} lg={8}>
            <Link to={`/reports/sales/${report}`}>
              <Card hoverable>
                <Card.Meta
                  avatar={<span style={{ fontSize: 24 }}>{ICONS[report] ?? <FallOutlined />}</span>}
                  title={t(`salesReports.reports.${report}.title`)}
                  description={<Typography.Text type="secondary">{t(`salesReports.reports.${report}.description`)}</Typography.Text>}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
