import { Empty, Flex, List, Progress, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organization } from '../../../shared/schemas/customers';
import { formatDate } from '../../lib/format';
import { useCards } from '../expansion-cards/api';
import { useEnterpriseArchive } from './api';

/** On the organization page: how complete its enterprise archive is, and the expansion cards the viewer may see. */
export function CardsArchivesPanel({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const archive = useEnterpriseArchive(organization.id);
  const cards = useCards({ organizationId: organization.id, status: 'active' }, { pageSize: 10 });
  const items = cards.data?.pages.flatMap((p) => p.items) ?? [];
  const done = archive.data?.completeness;

  return (
    <Flex vertical gap={12}>
      <div>
        <Flex justify="space-between" align="baseline">
          <Typography.Text strong>{t('archives.enterprise')}</Typography.Text>
          <Flex gap={12}>
            <Link to={`/key-accounts/${organization.id}/archive`}>{t('archives.open')}</Link>
            <Link to={`/key-accounts/${organization.id}/supplier-archive`}>{t('archives.supplier.open')}</Link>
          </Flex>
        </Flex>
        {archive.isLoading ? (
          <Skeleton.Input active size="small" />
        ) : done ? (
          <Progress percent={Math.round((done.filled / done.total) * 100)} size="small" aria-label={t('archives.completeness')} />
        ) : (
          <Typography.Text type="secondary">{t('archives.unavailable')}</Typography.Text>
        )}
      </div>
      <div>
        <Typography.Text strong>{t('expansionCards.heading')}</Typography.Text>
        {cards.isLoading ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('expansionCards.noneHere')} />
        ) : (
          <List
            size="small"
            dataSource={items}
            renderItem={(c) => (
              <List.Item>
                <Link to={`/expansion-cards/${c.id}`}>{c.title}</Link>
                <Typography.Text type="secondary">
                  {c.targetName ?? ''} {c.nextReviewOn ? `· ${t('expansionCards.nextReview')} ${formatDate(c.nextReviewOn)}` : ''}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </div>
    </Flex>
  );
}
