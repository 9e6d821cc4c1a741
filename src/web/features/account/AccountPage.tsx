import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ApiTokensPanel } from './ApiTokensPanel';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionsPanel } from './SessionsPanel';

const TABS = ['tokens', 'password', 'sessions'] as const;
type Tab = (typeof TABS)[number];

export function AccountPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  if (!tab) return <Navigate to="/account/tokens" replace />;
  if (!TABS.includes(tab as Tab)) return <Navigate to="/account/tokens" replace />;

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`/account/${key}`)}
        destroyOnHidden
        items={[
          { key: 'tokens', label: t('account.tokens.title'), children: <ApiTokensPanel /> },
          { key: 'password', label: t('account.password.title'), children: <ChangePasswordForm /> },
          { key: 'sessions', label: t('account.sessions.title'), children: <SessionsPanel /> },
        ]}
      />
    </>
  );
}
