import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportEntity } from '../../../shared/schemas/imports';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';

/** "Import" on a list page, for users who may create its records. */
export function ImportButton({ entity }: { entity: ImportEntity }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (!can(me.permissions, entity, 'create')) return null;
  return (
    <Link to={`/imports/new?entity=${entity}`}>
      <Button icon={<UploadOutlined />}>{t('imports.button')}</Button>
    </Link>
  );
}
