import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterCondition, FilterOp } from '../../../shared/schemas/list-filters';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { RegionFilterInput } from '../regions/RegionFilterInput';
import { TeamTreeSelect } from '../teams/TeamTreeSelect';
import { useUserNames } from '../users/api';
import type { ListField } from './listFields';

export type FilterValue = FilterCondition['value'];
type Scalar = string | number | boolean;

const DAY = 'YYYY-MM-DD';
const toDay = (d: Dayjs | null | undefined) => (d ? d.format(DAY) : null);
const fromDay = (v: unknown) => (typeof v === 'string' && v ? dayjs(v, DAY) : null);

/** Operators that take no value. */
export const takesNoValue = (op: FilterOp) => op === 'empty' || op === 'notEmpty';

/** Whether a condition has the value its operator needs. */
export function isComplete(c: FilterCondition): boolean {
  if (takesNoValue(c.op)) return true;
  if (c.op === 'between') return Array.isArray(c.value) && c.value.length === 2 && c.value.some((v) => v !== null && v !== '');
  if (c.op === 'in') return Array.isArray(c.value) && c.value.length > 0;
  return c.value !== undefined && c.value !== null && c.value !== '' && !Array.isArray(c.value);
}

/** Every user the actor may see (one cached list), for owner and user-field pickers. */
function useUserOptions() {
  const me = useCurrentUser();
  const names = useUserNames(can(me.permissions, 'users', 'read'));
  return useMemo(() => {
    const all = { ...(names.data ?? {}), [me.user.id]: me.user.name };
    return Object.entries(all)
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [names.data, me.user.id, me.user.name]);
}

interface Props<T> {
  field: ListField<T>;
  op: FilterOp;
  value: FilterValue;
  onChange: (value: FilterValue) => void;
  /** Accessible name of the input(s), e.g. "Value of condition 2". */
  label: string;
  fromLabel: string;
  toLabel: string;
  status?: 'error';
}

/** The value editor a field's kind and the chosen operator call for. */
export function FilterValueInput<T>({ field, op, value, onChange, label, fromLabel, toLabel, status }: Props<T>) {
  const { t } = useTranslation();
  const userOptions = useUserOptions();
  if (takesNoValue(op)) return null;
  const many = op === 'in';
  const list = Array.isArray(value) ? (value.filter((v) => v !== null) as Scalar[]) : [];
  const style = { width: '100%', minWidth: 200 };
  const common = { 'aria-label': label, status, style };

  if (op === 'between') {
    const [from, to] = Array.isArray(value) ? value : [null, null];
    if (field.kind === 'number') {
      return (
        <Space.Compact style={style}>
          <InputNumber
            aria-label={fromLabel}
            status={status}
            placeholder={t('listView.from')}
            value={from as number | null}
            onChange={(v) => onChange([v ?? null, to ?? null])}
            style={{ width: '50%' }}
          />
          <InputNumber
            aria-label={toLabel}
            status={status}
            placeholder={t('listView.to')}
            value={to as number | null}
            onChange={(v) => onChange([from ?? null, v ?? null])}
            style={{ width: '50%' }}
          />
        </Space.Compact>
      );
    }
    return (
      <DatePicker.RangePicker
        aria-label={label}
        status={status}
        allowEmpty={[true, true]}
        placeholder={[t('listView.from'), t('listView.to')]}
        value={[fromDay(from), fromDay(to)]}
        onChange={(range) => onChange([toDay(range?.[0]), toDay(range?.[1])])}
        style={style}
      />
    );
  }

  if (field.kind === 'number') {
    if (many) {
      return (
        <Select<string[]>
          {...common}
          mode="tags"
          open={false}
          suffixIcon={null}
          placeholder={t('listView.typeValues')}
          value={list.map(String)}
          onChange={(vs) => onChange(vs.map(Number).filter((n) => Number.isFinite(n)))}
        />
      );
    }
    return <InputNumber {...common} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? null)} />;
  }

  if (field.kind === 'date' || field.kind === 'timestamp') {
    if (many) {
      return (
        <DatePicker
          {...common}
          multiple
          value={list.map(fromDay).filter((d): d is Dayjs => !!d)}
          onChange={(ds) => onChange((ds ?? []).map((d: Dayjs) => d.format(DAY)))}
        />
      );
    }
    return <DatePicker {...common} value={fromDay(value)} onChange={(d) => onChange(toDay(d))} />;
  }

  if (field.kind === 'boolean') {
    return (
      <Select<string>
        {...common}
        placeholder={t('listView.chooseValue')}
        value={typeof value === 'boolean' ? String(value) : undefined}
        onChange={(v) => onChange(v === 'true')}
        options={[
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ]}
      />
    );
  }

  if (field.ref === 'team') {
    return (
      <TeamTreeSelect
        {...common}
        multiple={many}
        value={(many ? list : (value ?? null)) as never}
        onChange={(v: unknown) => onChange((v as FilterValue) ?? null)}
      />
    );
  }

  if (field.ref === 'organization') {
    return (
      <OrganizationSelect
        {...common}
        mode={many ? 'multiple' : undefined}
        placeholder={t('listView.chooseValue')}
        value={(many ? list : (value ?? undefined)) as never}
        onChange={(v: unknown) => onChange((v as FilterValue) ?? null)}
      />
    );
  }

  if (field.ref === 'country' || field.ref === 'region') {
    return <RegionFilterInput {...common} field={field.key} many={many} value={value} onChange={(v) => onChange(v)} />;
  }

  const options = field.ref === 'user' ? userOptions : field.options;
  if (options) {
    return (
      <Select<Scalar | Scalar[]>
        {...common}
        mode={many ? 'multiple' : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        placeholder={t('listView.chooseValue')}
        value={many ? list : ((value as Scalar | null) ?? undefined)}
        onChange={(v) => onChange((v as FilterValue) ?? null)}
        options={options}
      />
    );
  }

  if (many) {
    return (
      <Select<string[]>
        {...common}
        mode="tags"
        open={false}
        suffixIcon={null}
        tokenSeparators={[',', '，']}
        placeholder={t('listView.typeValues')}
        value={list.map(String)}
        onChange={(vs) => onChange(vs.map((v) => v.trim()).filter(Boolean))}
      />
    );
  }
  return <Input {...common} maxLength={200} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
}
