import { Empty, Tabs } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { useCurrentUser } from '../auth/api';
import { SETTINGS_SECTIONS } from './settingsSections';

/** Workspace settings for admins: one tab per section that a module registered. */
export function SettingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  const { permissions } = useCurrentUser();
  const sections = SETTINGS_SECTIONS.filter((s) => s.visible?.(permissions) ?? true);
  const first = sections[0];
  if (!first) {
    return (
      <>
        <PageHeader title={t('nav.settings')} />
        <Empty />
      </>
    );
  }
  if (!tab || !sections.some((s) => s.key === tab)) return <Navigate to={`/settings/${first.key}`} replace />;
  return (
    <>
      <PageHeader title={t('nav.settings')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`/settings/${key}`)}
        destroyOnHidden
        items={sections.map(({ key, title, component: Section }) => ({
          key,
          label: t(title),
          children: (
            <Suspense fallback={<PageLoading />}>
              <Section />
            </Suspense>
          ),
        }))}
      />
    </>
  );
}
