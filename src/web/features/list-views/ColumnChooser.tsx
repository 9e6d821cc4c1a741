import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListField } from './listFields';

interface Props<T> {
  fields: ListField<T>[];
  /** Shown columns in order. */
  columns: string[];
  onChange: (columns: string[]) => void;
  onReset: () => void;
  /** Always shown (the record's name: the link to it). */
  locked: string;
}

/** Show, hide and order the columns: shown ones first in their order, then the rest; every control reachable by keyboard. */
export function ColumnChooser<T>({ fields, columns, onChange, onReset, locked }: Props<T>) {
  const { t } = useTranslation();
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const shown = columns.filter((k) => byKey.has(k));
  const hidden = fields.filter((f) => !f.filterOnly && !shown.includes(f.key)).map((f) => f.key);

  const move = (i: number, by: -1 | 1) => {
    const next = [...shown];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  const toggle = (key: string, on: boolean) => onChange(on ? [...shown, key] : shown.filter((k) => k !== key));

  const row = (key: string, i: number | null) => {
    const field = byKey.get(key) as ListField<T>;
    return (
      <Flex key={key} align="center" justify="space-between" gap={8}>
        <Checkbox checked={i !== null} disabled={key === locked} onChange={(e) => toggle(key, e.target.checked)}>
          {field.label}
        </Checkbox>
        {i !== null && (
          <span>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={i === 0}
              aria-label={t('listView.moveUp', { name: field.label })}
              onClick={() => move(i, -1)}
            />
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={i === shown.length - 1}
              aria-label={t('listView.moveDown', { name: field.label })}
              onClick={() => move(i, 1)}
            />
          </span>
        )}
      </Flex>
    );
  };

  const content = (
    <Flex vertical gap={2} style={{ width: 280, maxHeight: 420, overflowY: 'auto' }} role="group" aria-label={t('listView.columnsTitle')}>
      {shown.map((k, i) => row(k, i))}
      {hidden.length > 0 && (
        <Typography.Text type="secondary" style={{ marginTop: 8 }}>
          {t('listView.hiddenColumns')}
        </Typography.Text>
      )}
      {hidden.map((k) => row(k, null))}
      <Button size="small" onClick={onReset} style={{ marginTop: 8, alignSelf: 'flex-start' }}>
        {t('listView.resetColumns')}
      </Button>
    </Flex>
  );

  return (
    <Popover content={content} title={t('listView.columnsTitle')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t('listView.columns')}</Button>
    </Popover>
  );
}
