import { CloseOutlined } from '@ant-design/icons';
import { Button, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FilterCondition } from '../../../shared/schemas/list-filters';
import { useOwnerName } from '../customers/OwnerName';
import { useOrganization } from '../organizations/api';
import { RegionCodeName } from '../regions/RegionName';
import { useAllTeams } from '../teams/api';
import { opLabel } from './FilterBuilder';
import { takesNoValue } from './FilterValueInput';
import type { ListField } from './listFields';

/** One value of a condition in words: option labels, people's and teams' names, yes/no. */
function ValueText<T>({ field, value }: { field: ListField<T>; value: unknown }) {
  const { t, i18n } = useTranslation();
  const ownerName = useOwnerName();
  const teams = useAllTeams(field.ref === 'team');
  const org = useOrganization(field.ref === 'organization' && typeof value === 'string' ? value : undefined);
  if (value === null || value === undefined || value === '') return <>…</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'number') return <>{new Intl.NumberFormat(i18n.language).format(value)}</>;
  const text = String(value);
  if (field.ref === 'user') return <>{ownerName(text) ?? t('customers.otherUser')}</>;
  if (field.ref === 'team') return <>{teams.data?.find((x) => x.id === text)?.name ?? '…'}</>;
  if (field.ref === 'organization') return <>{org.data?.name ?? '…'}</>;
  if (field.ref === 'country' || field.ref === 'region') return <RegionCodeName code={text} country={field.ref === 'country'} />;
  return <>{field.options?.find((o) => o.value === text)?.label ?? text}</>;
}

function ConditionText<T>({ field, c }: { field: ListField<T>; c: FilterCondition }) {
  const { t } = useTranslation();
  const values = Array.isArray(c.value) ? c.value : [c.value];
  const sep = c.op === 'between' ? ' – ' : ', ';
  return (
    <>
      {field.label} {opLabel(t, c.op, field.kind)}
      {!takesNoValue(c.op) && ' '}
      {!takesNoValue(c.op) &&
        values.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: values of one condition, fixed order
          <span key={i}>
            {i > 0 && sep}
            <ValueText field={field} value={v} />
          </span>
        ))}
    </>
  );
}

interface Props<T> {
  filters: FilterCondition[];
  byKey: Map<string, ListField<T>>;
  onRemove: (index: number) => void;
  onEdit: () => void;
  onClear: () => void;
}

/** The active conditions, each removable, above the table; clicking one opens the filter builder. */
export function FilterChips<T>({ filters, byKey, onRemove, onEdit, onClear }: Props<T>) {
  const { t } = useTranslation();
  if (filters.length === 0) return null;
  return (
    <Flex gap={4} wrap align="center" style={{ marginBottom: 12 }}>
      {filters.map((c, i) => {
        const field = byKey.get(c.field);
        if (!field) return null;
        return (
          <Tag
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; the same field may appear twice
            key={i}
            style={{ paddingInline: 0, marginInlineEnd: 0 }}
          >
            <Button type="text" size="small" onClick={onEdit}>
              <ConditionText field={field} c={c} />
            </Button>
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('listView.removeFilter', { n: i + 1 })} onClick={() => onRemove(i)} />
          </Tag>
        );
      })}
      <Button type="link" size="small" onClick={onClear}>
        {t('listView.clearFilters')}
      </Button>
    </Flex>
  );
}
