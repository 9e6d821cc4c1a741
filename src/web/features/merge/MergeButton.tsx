import { MergeCellsOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import type { DuplicateType } from '../duplicates/api';

/** "Merge duplicate…" on a detail page, for those who may update and delete records of the type. */
export function MergeButton({ type, id }: { type: DuplicateType; id: string }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  if (!can(permissions, type, 'update') || !can(permissions, type, 'delete')) return null;
  return (
    <Link to={`/${type}/${id}/merge`}>
      <Button icon={<MergeCellsOutlined />}>{t(type === 'organizations' ? 'merge.actionOrganizations' : 'merge.actionContacts')}</Button>
    </Link>
  );
}
