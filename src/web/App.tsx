import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ErrorBoundary } from './components/ErrorBoundary';
import { meKey } from './features/auth/api';
import { onUnauthorized } from './lib/api';
import { queryClient } from './lib/queryClient';
import { AppRoutes } from './routes';

function LocalizedConfig({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#c0392b' } }}
      // antd would render "登录" as "登 录", which also changes the button's accessible name.
      button={{ autoInsertSpace: false }}
    >
      {children}
    </ConfigProvider>
  );
}

export function App() {
  // An expired session anywhere drops `me`, and the route guard sends the user to sign in again.
  useEffect(() => {
    onUnauthorized(() => queryClient.setQueryData(meKey, null));
    return () => onUnauthorized(null);
  }, []);

  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedConfig>
        <AntApp>
          <BrowserRouter>
            <ErrorBoundary>
              <AppRoutes />
            </ErrorBoundary>
          </BrowserRouter>
        </AntApp>
      </LocalizedConfig>
    </QueryClientProvider>
  );
}
