import { Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportMapping } from '../../../shared/schemas/imports';

interface Props {
  headers: string[];
  sample: string[][];
  fields: ImportField[];
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}

/** Lists and phone numbers may take several columns (two phone columns, two tag columns); other fields one. */
const MULTI = new Set(['phones', 'emails', 'tags']);

/** One line per file column: its header, sample values, and the field it goes into (guessed, editable). */
export function MappingTable({ headers, sample, fields, mapping, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const label = (f: ImportField) => (i18n.language.startsWith('zh') ? f.label['zh-CN'] || f.label.en : f.label.en || f.label['zh-CN']);
  const used = new Set(Object.values(mapping));
  const options = (column: number) => {
    const free = (f: ImportField) => MULTI.has(f.key) || !used.has(f.key) || mapping[String(column)] === f.key;
    const option = (f: ImportField) => ({ value: f.key, label: `${label(f)}${f.required ? ' *' : ''}`, disabled: !free(f) });
    return [
      { value: '', label: t('imports.skipColumn') },
      { label: t('imports.builtinFields'), options: fields.filter((f) => !f.custom).map(option) },
      ...(fields.some((f) => f.custom) ? [{ label: t('imports.customFields'), options: fields.filter((f) => f.custom).map(option) }] : []),
    ];
  };
  const set = (column: number, key: string) => {
    const next = { ...mapping };
    if (key) next[String(column)] = key;
    else delete next[String(column)];
    onChange(next);
  };
  const missing = fields.filter((f) => f.required && !used.has(f.key));

  return (
    <>
      {missing.length > 0 && (
        <Typography.Paragraph type="danger">{t('imports.requiredMissing', { fields: missing.map(label).join(', ') })}</Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="column"
        pagination={false}
        dataSource={headers.map((header, column) => ({ column, header }))}
        columns={[
          { title: t('imports.fileColumn'), dataIndex: 'header', width: 200, render: (h: string) => <Typography.Text strong>{h}</Typography.Text> },
          {
            title: t('imports.sampleValues'),
            render: (_, r) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                {sample
                  .slice(0, 3)
                  .map((row) => row[r.column])
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            ),
          },
          {
            title: t('imports.field'),
            width: 260,
            render: (_, r) => (
              <Select
                aria-label={t('imports.fieldFor', { column: r.header })}
                style={{ width: '100%' }}
                value={mapping[String(r.column)] ?? ''}
                options={options(r.column)}
                onChange={(v) => set(r.column, v)}
                showSearch={{ optionFilterProp: 'label' }}
              />
            ),
          },
          {
            width: 90,
            render: (_, r) => (mapping[String(r.column)] ? <Tag color="blue">{t('imports.mapped')}</Tag> : <Tag>{t('imports.ignored')}</Tag>),
          },
        ]}
      />
    </>
  );
}
