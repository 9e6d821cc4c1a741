import { Layout, Menu, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { useCurrentUser } from '../features/auth/api';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { ADMIN_MENU_KEY, CUSTOMERS_MENU_KEY, KEY_ACCOUNTS_MENU_KEY, navItems, SALES_MENU_KEY, selectedNavKey } from './navItems';
import { UserMenu } from './UserMenu';

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const me = useCurrentUser();
  const [collapsed, setCollapsed] = useState(false);

  // The saved language wins whenever the server tells us about it (sign-in, reload, another tab's change).
  const savedLocale = me.user.locale;
  useEffect(() => {
    if (savedLocale !== i18n.language) void i18n.changeLanguage(savedLocale);
  }, [savedLocale, i18n]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" theme="light" width={220}>
        <Link to="/" style={{ display: 'block', padding: '16px 20px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {collapsed ? t('app.shortName') : t('app.name')}
          </Typography.Text>
        </Link>
        <nav aria-label={t('nav.main')}>
          <Menu
            mode="inline"
            defaultOpenKeys={[CUSTOMERS_MENU_KEY, SALES_MENU_KEY, KEY_ACCOUNTS_MENU_KEY, ADMIN_MENU_KEY]}
            selectedKeys={[selectedNavKey(location.pathname)]}
            items={navItems(t, me.permissions)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <GlobalSearch />
          <NotificationBell />
          <UserMenu />
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <main>
            <ErrorBoundary resetKey={location.pathname}>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
