import { Flex, Radio, Switch, Table, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyRecord } from './api';
import { type Choice, differs, type MergeRow } from './mergeRows';

interface Props {
  rows: MergeRow[];
  target: PartyRecord;
  source: PartyRecord;
  choices: Record<string, Choice>;
  onChoose(key: string, choice: Choice): void;
}

/** The two records side by side, one row per field; a differing field gets a choice, and the value that will be kept is tinted. */
export function FieldChoiceTable({ rows, target, source, choices, onChoose }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [onlyDifferences, setOnlyDifferences] = useState(true);
  const shown = onlyDifferences ? rows.filter((r) => differs(r, target, source)) : rows;
  const kept = (row: MergeRow, side: 'target' | 'source') => {
    if (!differs(row, target, source)) return false;
    const choice = choices[row.key];
    return choice === side || choice === 'both';
  };
  const cell = (row: MergeRow, side: 'target' | 'source') => ({ style: kept(row, side) ? { background: token.colorSuccessBg } : undefined });

  return (
    <Flex vertical gap={8}>
      <Flex justify="flex-end">
        <Typography.Text>
          <Switch size="small" checked={onlyDifferences} onChange={setOnlyDifferences} aria-label={t('merge.onlyDifferences')} /> {t('merge.onlyDifferences')}
        </Typography.Text>
      </Flex>
      <Table<MergeRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={shown}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('merge.noDifferences') }}
        columns={[
          { title: t('merge.field'), dataIndex: 'label', key: 'label', width: 160 },
          { title: t('merge.target'), key: 'target', render: (_, row) => row.render(target), onCell: (row) => cell(row, 'target') },
          { title: t('merge.source'), key: 'source', render: (_, row) => row.render(source), onCell: (row) => cell(row, 'source') },
          {
            title: t('merge.keep'),
            key: 'keep',
            width: 280,
            render: (_, row) => {
              if (!differs(row, target, source)) return <Typography.Text type="secondary">{t('merge.same')}</Typography.Text>;
              if (row.combined) return <Typography.Text>{t('merge.keepBoth')}</Typography.Text>;
              return (
                <Radio.Group
                  size="small"
                  optionType="button"
                  value={choices[row.key]}
                  onChange={(e) => onChoose(row.key, e.target.value as Choice)}
                  aria-label={`${t('merge.keep')}: ${row.label}`}
                  options={[
                    { value: 'target', label: t('merge.keepTarget') },
                    { value: 'source', label: t('merge.keepSource') },
                    ...(row.list ? [{ value: 'both', label: t('merge.keepBoth') }] : []),
                  ]}
                />
              );
            },
          },
        ]}
      />
    </Flex>
  );
}
