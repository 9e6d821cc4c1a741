import { DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SearchInput } from '../../components/SearchInput';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { UserSelect } from '../users/UserSelect';
import { kindOptions } from './activityKinds';
import type { ActivityFilters } from './api';

type Range = [Dayjs | null, Dayjs | null] | null;

interface Props {
  filters: ActivityFilters;
  onChange: (patch: ActivityFilters) => void;
}

/** Whole days in the user's time zone; the server's `to` is exclusive, hence the next midnight. */
function rangeFilter(range: Range): Pick<ActivityFilters, 'from' | 'to'> {
  return {
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
  };
}

function rangeValue(filters: ActivityFilters): [Dayjs | null, Dayjs | null] | null {
  if (!filters.from && !filters.to) return null;
  return [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to).subtract(1, 'day') : null];
}

export function ActivityFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  return (
    <Form name="activityFilters" layout="inline" colon={false} style={{ marginBottom: 16, rowGap: 8 }} onFinish={() => undefined}>
      <Form.Item label={t('common.search')} htmlFor="activityFilters_q">
        <SearchInput
          id="activityFilters_q"
          value={filters.q}
          placeholder={t('activities.searchPlaceholder')}
          onSearch={(q) => onChange({ q })}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Form.Item label={t('activities.kind')} htmlFor="activityFilters_kind">
        <Select
          id="activityFilters_kind"
          allowClear
          placeholder={t('common.all')}
          value={filters.kind}
          onChange={(kind) => onChange({ kind })}
          options={kindOptions(t)}
          style={{ width: 120 }}
        />
      </Form.Item>
      {can(permissions, 'users', 'read') && (
        <Form.Item label={t('customers.owner')} htmlFor="activityFilters_owner">
          <UserSelect
            id="activityFilters_owner"
            placeholder={t('common.all')}
            value={filters.ownerId}
            onChange={(ownerId) => onChange({ ownerId })}
            style={{ width: 220 }}
          />
        </Form.Item>
      )}
      {can(permissions, 'organizations', 'read') && (
        <Form.Item label={t('activities.organization')} htmlFor="activityFilters_org">
          <OrganizationSelect
            id="activityFilters_org"
            placeholder={t('common.all')}
            value={filters.organizationId}
            onChange={(organizationId) => onChange({ organizationId })}
            style={{ width: 220 }}
          />
        </Form.Item>
      )}
      <Form.Item label={t('activities.dateRange')} htmlFor="activityFilters_range">
        <DatePicker.RangePicker
          id={{ start: 'activityFilters_range' }}
          allowEmpty={[true, true]}
          value={rangeValue(filters)}
          onChange={(range) => onChange(rangeFilter(range))}
        />
      </Form.Item>
    </Form>
  );
}
