import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterCondition, FilterOp } from '../../../shared/schemas/list-filters';
import { type FieldKind, OPS_BY_KIND } from '../../../shared/schemas/view-fields';
import { FilterValueInput, isComplete } from './FilterValueInput';
import type { ListField } from './listFields';

/** "is", "contains", "on or after"…: date kinds read better with their own words for ranges. */
export function opLabel(t: TFunction, op: FilterOp, kind: FieldKind | undefined): string {
  const dated = kind === 'date' || kind === 'timestamp';
  if (dated && op === 'gte') return t('listView.ops.gteDate');
  if (dated && op === 'lte') return t('listView.ops.lteDate');
  return t(`listView.ops.${op}`);
}

interface Props<T> {
  open: boolean;
  fields: ListField<T>[];
  filters: FilterCondition[];
  onApply: (filters: FilterCondition[]) => void;
  onClose: () => void;
}

/** A list's filter conditions (all must hold): field → an operator of its kind → a value editor of its type. */
export function FilterBuilder<T>({ open, fields, filters, onApply, onClose }: Props<T>) {
  const { t } = useTranslation();
  return (
    <Modal title={t('listView.filterTitle')} open={open} onCancel={onClose} footer={null} width={820} destroyOnHidden>
      {open && <Conditions fields={fields} initial={filters} onApply={onApply} onClose={onClose} />}
    </Modal>
  );
}

function Conditions<T>({
  fields,
  initial,
  onApply,
  onClose,
}: {
  fields: ListField<T>[];
  initial: FilterCondition[];
  onApply: Props<T>['onApply'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const filterable = fields.filter((f) => f.kind);
  const byKey = new Map(filterable.map((f) => [f.key, f]));
  // Conditions on fields the list no longer has (a deleted custom field) are dropped here.
  const [draft, setDraft] = useState<(Partial<FilterCondition> & { key: number })[]>(() =>
    initial.filter((c) => byKey.has(c.field)).map((c, key) => ({ ...c, key })),
  );
  const [nextKey, setNextKey] = useState(initial.length);
  const [checked, setChecked] = useState(false);

  const groups = [
    { label: t('listView.standardFields'), options: filterable.filter((f) => !f.custom).map((f) => ({ value: f.key, label: f.label })) },
    { label: t('listView.customFields'), options: filterable.filter((f) => f.custom).map((f) => ({ value: f.key, label: f.label })) },
  ].filter((g) => g.options.length > 0);

  const set = (key: number, patch: Partial<FilterCondition>) => setDraft((d) => d.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const add = () => {
    setDraft((d) => [...d, { key: nextKey }]);
    setNextKey((k) => k + 1);
  };
  const complete = (c: Partial<FilterCondition>): c is FilterCondition => !!c.field && !!c.op && isComplete(c as FilterCondition);

  const apply = () => {
    setChecked(true);
    if (!draft.every(complete)) return;
    onApply(draft.map(({ field, op, value }) => ({ field, op, ...(value !== undefined && value !== null && { value }) }) as FilterCondition));
  };

  return (
    <Flex vertical gap={12}>
      {draft.length === 0 && <Typography.Text type="secondary">{t('listView.noConditions')}</Typography.Text>}
      {draft.map((c, i) => {
        const n = i + 1;
        const field = c.field ? byKey.get(c.field) : undefined;
        const ops = field?.kind ? OPS_BY_KIND[field.kind] : [];
        const bad = checked && !complete(c) ? 'error' : undefined;
        return (
          <Flex key={c.key} gap={8} align="flex-start" wrap role="group" aria-label={t('listView.condition', { n })}>
            <Select
              aria-label={t('listView.conditionField', { n })}
              placeholder={t('listView.chooseField')}
              status={bad && !c.field ? 'error' : undefined}
              showSearch={{ optionFilterProp: 'label' }}
              value={c.field}
              options={groups}
              onChange={(key: string) => {
                const kind = byKey.get(key)?.kind;
                set(c.key, { field: key, op: kind ? OPS_BY_KIND[kind][0] : undefined, value: undefined });
              }}
              style={{ width: 200 }}
            />
            <Select<FilterOp>
              aria-label={t('listView.conditionOp', { n })}
              disabled={!field}
              value={c.op}
              options={ops.map((op) => ({ value: op, label: opLabel(t, op, field?.kind) }))}
              // A value of another shape (a list for "in", a pair for "between") does not carry over.
              onChange={(op) => set(c.key, { op, value: op === c.op ? c.value : undefined })}
              style={{ width: 150 }}
            />
            <div style={{ flex: 1, minWidth: 200 }}>
              {field && c.op && (
                <FilterValueInput
                  field={field}
                  op={c.op}
                  value={c.value}
                  onChange={(value) => set(c.key, { value })}
                  label={t('listView.conditionValue', { n })}
                  fromLabel={t('listView.conditionFrom', { n })}
                  toLabel={t('listView.conditionTo', { n })}
                  status={bad}
                />
              )}
            </div>
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('listView.removeCondition', { n })}
              onClick={() => setDraft((d) => d.filter((x) => x.key !== c.key))}
            />
          </Flex>
        );
      })}
      {checked && !draft.every(complete) && <Alert type="error" showIcon title={t('listView.incomplete')} />}
      <Flex justify="space-between" wrap gap={8}>
        <Button icon={<PlusOutlined />} onClick={add} disabled={draft.length >= 20}>
          {t('listView.addCondition')}
        </Button>
        <Flex gap={8}>
          <Button onClick={() => setDraft([])} disabled={draft.length === 0}>
            {t('listView.clearAll')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={apply}>
            {t('listView.apply')}
          </Button>
        </Flex>
      </Flex>
    </Flex>
  );
}
