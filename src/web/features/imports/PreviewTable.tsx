import { Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportMapping, ImportPreview } from '../../../shared/schemas/imports';

/** The first rows under the mapping, each cell with a problem marked and its reason on hover. */
export function PreviewTable({ headers, mapping, preview }: { headers: string[]; mapping: ImportMapping; preview: ImportPreview }) {
  const { t } = useTranslation();
  const mapped = Object.keys(mapping)
    .map(Number)
    .sort((a, b) => a - b);
  const problemsAt = (row: number, column: string | null) => preview.problems.filter((p) => p.row === row && p.column === column).map((p) => p.reason);
  const rowProblems = (row: number) => preview.problems.filter((p) => p.row === row && (p.column === null || !mapped.some((c) => headers[c] === p.column)));
  return (
    <Table
      size="small"
      rowKey="row"
      pagination={false}
      scroll={{ x: true }}
      dataSource={preview.rows}
      columns={[
        {
          title: t('imports.row'),
          dataIndex: 'row',
          width: 70,
          render: (row: number) => {
            const other = rowProblems(row);
            return other.length > 0 ? (
              <Tooltip title={other.map((p) => `${p.column ?? ''} ${p.reason}`).join('; ')}>
                <Typography.Text type="danger">{row} ⚠</Typography.Text>
              </Tooltip>
            ) : (
              row
            );
          },
        },
        ...mapped.map((c) => ({
          title: headers[c],
          key: String(c),
          render: (_: unknown, r: ImportPreview['rows'][number]) => {
            const reasons = problemsAt(r.row, headers[c]);
            if (reasons.length === 0) return r.cells[c];
            return (
              <Tooltip title={reasons.join('; ')}>
                <Typography.Text type="danger" style={{ background: 'var(--ant-color-error-bg, #fff2f0)', padding: '0 4px' }}>
                  {r.cells[c] || t('imports.emptyCell')}
                </Typography.Text>
              </Tooltip>
            );
          },
        })),
      ]}
    />
  );
}
