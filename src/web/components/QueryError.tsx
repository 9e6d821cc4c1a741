import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorMessage } from '../lib/errorMessage';
import { ForbiddenResult } from './ForbiddenResult';

/** What a page shows instead of its data when loading failed. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <ForbiddenResult />;
  return (
    <Result
      status="error"
      title={t('errors.loadFailed')}
      subTitle={errorMessage(t, error)}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
