import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchInput } from '../../components/SearchInput';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { tierOptions } from '../customers/customerLabels';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { UserSelect } from '../users/UserSelect';
import type { ContactFilters } from './api';

interface Props {
  filters: ContactFilters;
  onChange: (patch: ContactFilters) => void;
}

export function ContactFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  return (
    <Form name="contactFilters" layout="inline" colon={false} style={{ marginBottom: 16, rowGap: 8 }} onFinish={() => undefined}>
      <Form.Item label={t('common.search')} htmlFor="contactFilters_q">
        <SearchInput
          id="contactFilters_q"
          value={filters.q}
          placeholder={t('contacts.searchPlaceholder')}
          onSearch={(q) => onChange({ q })}
          style={{ width: 220 }}
        />
      </Form.Item>
      {can(permissions, 'organizations', 'read') && (
        <Form.Item label={t('contacts.organization')} htmlFor="contactFilters_org">
          <OrganizationSelect
            id="contactFilters_org"
            placeholder={t('common.all')}
            value={filters.organizationId}
            onChange={(organizationId) => onChange({ organizationId })}
            style={{ width: 220 }}
          />
        </Form.Item>
      )}
      <Form.Item label={t('customers.tier')} htmlFor="contactFilters_tier">
        <Select
          id="contactFilters_tier"
          allowClear
          placeholder={t('common.all')}
          value={filters.tier}
          onChange={(tier) => onChange({ tier })}
          options={tierOptions(t)}
          style={{ width: 130 }}
        />
      </Form.Item>
      <Form.Item label={t('customers.province')} htmlFor="contactFilters_province">
        <SearchInput id="contactFilters_province" value={filters.province} onSearch={(province) => onChange({ province })} style={{ width: 120 }} />
      </Form.Item>
      {can(permissions, 'users', 'read') && (
        <Form.Item label={t('customers.owner')} htmlFor="contactFilters_owner">
          <UserSelect
            id="contactFilters_owner"
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
