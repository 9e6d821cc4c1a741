import type { TableProps } from 'antd';

export type SortOrder = 'ascend' | 'descend' | null;

/** The header arrow of a column for a sort parameter such as "name" or "-createdAt". */
export function sortOrderOf(sort: string | undefined, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** The sort parameter for a header click; undefined means the server's default order. */
export function sortFromTable<T>(sorter: Parameters<NonNullable<TableProps<T>['onChange']>>[2]): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  const field = s?.columnKey as string | undefined;
  if (!field || !s?.order) return undefined;
  return s.order === 'descend' ? `-${field}` : field;
}

const oneLine = () => ({ style: { whiteSpace: 'nowrap' as const } });
/** Spread into a column that must stay on one line, header included (dates, tags, people's names, phone numbers). */
export const noWrap = { onCell: oneLine, onHeaderCell: oneLine };

/** Spread into the column that should take the spare width but never be squeezed to a few characters (a record's name). */
export const minWidth = (px: number) => ({ onCell: () => ({ style: { minWidth: px } }) });
