import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchInput } from '../../components/SearchInput';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useRoles } from '../roles/api';
import { roleDisplayName } from '../roles/roleDisplayName';
import { TeamTreeSelect } from '../teams/TeamTreeSelect';
import type { UserFilters } from './api';

interface Props {
  filters: UserFilters;
  onChange: (patch: Partial<UserFilters>) => void;
}

const activeValue = (a: boolean | undefined) => (a === undefined ? 'all' : String(a));

export function UserFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  const roles = useRoles(can(permissions, 'roles', 'read'));
  return (
    <Form name="userFilters" layout="inline" colon={false} style={{ marginBottom: 16, rowGap: 8 }} onFinish={() => undefined}>
      <Form.Item label={t('common.search')} htmlFor="userFilters_q">
        <SearchInput id="userFilters_q" value={filters.q} placeholder={t('users.searchPlaceholder')} onSearch={(q) => onChange({ q })} style={{ width: 240 }} />
      </Form.Item>
      {can(permissions, 'teams', 'read') && (
        <Form.Item label={t('users.team')} htmlFor="userFilters_team">
          <TeamTreeSelect
            id="userFilters_team"
            value={filters.teamId}
            onChange={(teamId) => onChange({ teamId: teamId ?? undefined })}
            placeholder={t('common.all')}
            style={{ width: 200 }}
          />
        </Form.Item>
      )}
      {can(permissions, 'roles', 'read') && (
        <Form.Item label={t('users.role')} htmlFor="userFilters_role">
          <Select
            id="userFilters_role"
            allowClear
            value={filters.roleId}
            onChange={(roleId) => onChange({ roleId: roleId ?? undefined })}
            placeholder={t('common.all')}
            loading={roles.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleDisplayName(t, r.name, r.builtinKey) }))}
            style={{ width: 180 }}
          />
        </Form.Item>
      )}
      <Form.Item label={t('users.status')} htmlFor="userFilters_active">
        <Select
          id="userFilters_active"
          value={activeValue(filters.active)}
          onChange={(v) => onChange({ active: v === 'all' ? undefined : v === 'true' })}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'true', label: t('users.active') },
            { value: 'false', label: t('users.inactive') },
          ]}
          style={{ width: 140 }}
        />
      </Form.Item>
    </Form>
  );
}
