import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useUserNames } from '../users/api';

/** Looks owner names up in the one shared, cached user list; `undefined` while it loads or when the user is out of sight. */
export function useOwnerName() {
  const me = useCurrentUser();
  const names = useUserNames(can(me.permissions, 'users', 'read'));
  const data = names.data;
  return useCallback((id: string) => (id === me.user.id ? me.user.name : data?.[id]), [data, me.user.id, me.user.name]);
}

/** An owner's name; no owner means the record sits in the shared pool (公海). */
export function OwnerName({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const ownerName = useOwnerName();
  if (!id) return <Tag>{t('customers.pool')}</Tag>;
  return <>{ownerName(id) ?? t('customers.otherUser')}</>;
}
