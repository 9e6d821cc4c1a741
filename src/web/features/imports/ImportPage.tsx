import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useImport } from './api';
import { ImportProgress } from './ImportProgress';

/** One import: live progress while it runs, the counts and the report afterwards. */
export function ImportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useImport(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const imp = query.data;
  return (
    <>
      <PageHeader
        title={t('imports.title', { entity: t(`imports.entities.${imp.entity}`) })}
        extra={
          <Flex gap={8}>
            <Link to="/imports">
              <Button>{t('imports.history')}</Button>
            </Link>
            <Link to={`/${imp.entity}`}>
              <Button type="primary">{t(`imports.backTo.${imp.entity}`)}</Button>
            </Link>
          </Flex>
        }
      />
      <ImportProgress imp={imp} />
    </>
  );
}
