import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchInput } from '../../components/SearchInput';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { lifecycleOptions, partyTypeOptions, tierOptions } from '../customers/customerLabels';
import { UserSelect } from '../users/UserSelect';
import type { OrganizationFilters } from './api';

interface Props {
  filters: OrganizationFilters;
  onChange: (patch: OrganizationFilters) => void;
}

export function OrganizationFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  return (
    <Form name="orgFilters" layout="inline" colon={false} style={{ marginBottom: 16, rowGap: 8 }} onFinish={() => undefined}>
      <Form.Item label={t('common.search')} htmlFor="orgFilters_q">
        <SearchInput
          id="orgFilters_q"
          value={filters.q}
          placeholder={t('organizations.searchPlaceholder')}
          onSearch={(q) => onChange({ q })}
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item label={t('customers.partyType')} htmlFor="orgFilters_partyType">
        <Select
          id="orgFilters_partyType"
          allowClear
          placeholder={t('common.all')}
          value={filters.partyType}
          onChange={(partyType) => onChange({ partyType })}
          options={partyTypeOptions(t)}
          style={{ width: 140 }}
        />
      </Form.Item>
      <Form.Item label={t('customers.lifecycleStatus')} htmlFor="orgFilters_lifecycle">
        <Select
          id="orgFilters_lifecycle"
          allowClear
          placeholder={t('common.all')}
          value={filters.lifecycleStatus}
          onChange={(lifecycleStatus) => onChange({ lifecycleStatus })}
          options={lifecycleOptions(t)}
          style={{ width: 130 }}
        />
      </Form.Item>
      <Form.Item label={t('customers.tier')} htmlFor="orgFilters_tier">
        <Select
          id="orgFilters_tier"
          allowClear
          placeholder={t('common.all')}
          value={filters.tier}
          onChange={(tier) => onChange({ tier })}
          options={tierOptions(t)}
          style={{ width: 130 }}
        />
      </Form.Item>
      <Form.Item label={t('customers.province')} htmlFor="orgFilters_province">
        <SearchInput id="orgFilters_province" value={filters.province} onSearch={(province) => onChange({ province })} style={{ width: 120 }} />
      </Form.Item>
      {can(permissions, 'users', 'read') && (
        <Form.Item label={t('customers.owner')} htmlFor="orgFilters_owner">
          <UserSelect
            id="orgFilters_owner"
            placeholder={t('common.all')}
            value={filters.ownerId}
            onChange={(ownerId) => onChange({ ownerId })}
            style={{ width: 220 }}
          />
        </Form.Item>
      )}
    </Form>
  );
}
