import { Button, Empty, Flex, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organization } from '../../../shared/schemas/customers';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { accountTabPath } from '../key-accounts/AccountTabs';
import { useChain } from './api';

/** The organization page's panel: how the decision chain stands, and a way into it. */
export function ChainPanel({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const chain = useChain(organization.id);
  // The organization may be visible while lying outside the user's key-account scope.
  if (chain.error instanceof ApiError && chain.error.status === 404)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisionChain.panelOutOfScope')} />;
  if (chain.isError) return <QueryError error={chain.error} onRetry={() => chain.refetch()} />;
  const nodes = chain.data?.nodes ?? [];
  const count = (s: string) => nodes.filter((n) => n.support === s).length;
  return (
    <div data-testid="chain-panel">
      {chain.isLoading ? null : nodes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisionChain.panelEmpty')} />
      ) : (
        <Flex gap={24} wrap style={{ marginBottom: 12 }}>
          <Statistic title={t('decisionChain.panelPeople')} value={nodes.length} />
          <Statistic title={t('decisionChain.support.supporter')} value={count('supporter')} valueStyle={{ color: '#389e0d' }} />
          <Statistic title={t('decisionChain.support.neutral')} value={count('neutral')} />
          <Statistic title={t('decisionChain.support.opponent')} value={count('opponent')} valueStyle={{ color: '#cf1322' }} />
        </Flex>
      )}
      <Flex gap={8}>
        <Link to={accountTabPath(organization.id, 'chain')}>
          <Button size="small" type="primary">
            {t('decisionChain.openChain')}
          </Button>
        </Link>
        <Link to={accountTabPath(organization.id, 'coverage')}>
          <Button size="small">{t('keyAccounts.tabs.coverage')}</Button>
        </Link>
      </Flex>
    </div>
  );
}
