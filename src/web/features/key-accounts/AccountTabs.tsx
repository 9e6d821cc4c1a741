import { ArrowLeftOutlined } from '@ant-design/icons';
import { Flex, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useOrganization } from '../organizations/api';

/** The pages of one key account, in the order of the method: who decides, how well we cover them, how we stand, what we plan, what we know. */
export const ACCOUNT_TABS = ['chain', 'coverage', 'assessments', 'plans', 'archive', 'supplier-archive'] as const;
export type AccountTab = (typeof ACCOUNT_TABS)[number];

/** The URL of a key-account page, e.g. accountTabPath(id, 'chain') → /key-accounts/<id>/chain. */
export function accountTabPath(organizationId: string, tab: AccountTab): string {
  return `/key-accounts/${organizationId}/${tab}`;
}

interface Props {
  organizationId: string;
  active: AccountTab;
  /** Buttons shown at the right of the account's name (e.g. "Add person"). */
  extra?: React.ReactNode;
}

/**
 * Header shared by every key-account page: the account's name (linking to its organization page), its tier
 * and a tab bar to the other pages of the same account. The account's own page shows its not-found state; this
 * header only stays quiet when the organization cannot be read.
 */
export function AccountTabs({ organizationId, active, extra }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const organization = useOrganization(organizationId);
  const tier = organization.data?.tier;

  return (
    <div data-testid="account-tabs" style={{ marginBottom: 8 }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={8} wrap>
          <Link to="/key-accounts" aria-label={t('keyAccounts.backToDashboard')}>
            <ArrowLeftOutlined />
          </Link>
          {organization.isLoading ? (
            <Skeleton.Input active size="small" />
          ) : (
            <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
              {organization.data ? <Link to={`/organizations/${organizationId}`}>{organization.data.name}</Link> : t('keyAccounts.title')}
            </Typography.Title>
          )}
          {tier && <Tag color={tier === 'key' ? 'gold' : 'blue'}>{t(`customers.tiers.${tier}`)}</Tag>}
        </Flex>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(accountTabPath(organizationId, key as AccountTab))}
        items={ACCOUNT_TABS.map((key) => ({ key, label: t(`keyAccounts.tabs.${key}`) }))}
        style={{ marginBottom: 0 }}
      />
    </div>
  );
}
