import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Form, Table, type TableProps } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewEntity } from '../../../shared/schemas/views';
import { QueryError } from '../../components/QueryError';
import { SearchInput } from '../../components/SearchInput';
import { minWidth, noWrap, sortFromTable, sortOrderOf } from '../../lib/tableSort';
import { useRecordList } from './api';
import { BulkActionsBar } from './BulkActionsBar';
import { ColumnChooser } from './ColumnChooser';
import { FilterBuilder } from './FilterBuilder';
import { FilterChips } from './FilterChips';
import { ListFooter } from './ListFooter';
import { type BuiltinColumn, defaultColumns, useListFields } from './listFields';
import { SavedViewsMenu } from './SavedViewsMenu';
import { useListState } from './useListState';

type ListRecord = { id: string; name: string; custom?: Record<string, unknown> };

/** The server lists the most recently changed first unless told otherwise. */
const DEFAULT_SORT = '-updatedAt';
const LOCKED = 'name';
/** Clicks on these inside a row do their own thing instead of opening the record. */
const INTERACTIVE = 'a, button, input, label, [role="button"], .ant-table-selection-column, .ant-dropdown, .ant-popover';

interface Props<T extends ListRecord> {
  entity: ViewEntity;
  /** Built-in fields the page shows, by key (memoize: the kit derives its columns from it). */
  columns: Record<string, BuiltinColumn<T>>;
  /** Built-in fields a bulk edit may set (custom fields always may). */
  bulkEditable: readonly string[];
  searchPlaceholder: string;
  /** Shown when the list has no records at all (e.g. with a create button). */
  empty: ReactNode;
  noMatch: string;
  /** The last column (edit, delete…), if any. */
  rowActions?: { title: string; render: (record: T) => ReactNode };
  onOpen: (record: T) => void;
}

/**
 * A list of records with saved views, a column chooser, server-side sorting and filtering on any
 * field, quick search, row selection with bulk actions and keyset "load more". Everything that
 * decides what is shown lives in the URL (see useListState).
 */
export function ListView<T extends ListRecord>({ entity, columns, bulkEditable, searchPlaceholder, empty, noMatch, rowActions, onOpen }: Props<T>) {
  const { t } = useTranslation();
  const [state, setState] = useListState();
  const { fields, byKey } = useListFields<T>(entity, columns);
  const list = useRecordList<T>(entity, { q: state.q, filters: state.filters, sort: state.sort });
  const [filtersOpen, setFiltersOpen] = useState(false);
  // Selected records by id, with their names for the failure report; kept while more pages load.
  const [selected, setSelected] = useState<Map<string, { id: string; name: string }>>(new Map());

  const queryKey = JSON.stringify([state.q, state.filters]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query is a new set of rows; a selection of the old one would act on records no longer shown
  useEffect(() => setSelected(new Map()), [queryKey]);

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const first = list.data?.pages[0];
  const sort = state.sort ?? DEFAULT_SORT;
  const filtered = !!state.q || state.filters.length > 0;

  const shown = useMemo(() => {
    const keys = (state.columns ?? defaultColumns(fields)).filter((k) => byKey.has(k) && !byKey.get(k)?.filterOnly);
    return keys.includes(LOCKED) ? keys : [LOCKED, ...keys];
  }, [state.columns, fields, byKey]);

  const tableColumns: TableProps<T>['columns'] = shown.map((key) => {
    const f = byKey.get(key);
    if (!f) return { key };
    return {
      key,
      title: f.label,
      render: (_: unknown, r: T) => f.render(r),
      ...(f.sortable && {
        sorter: true,
        sortOrder: sortOrderOf(sort, key),
        // Newest first is the default, so the first click on the header turns it around.
        ...(key === 'updatedAt' && { sortDirections: ['descend', 'ascend'] as ('descend' | 'ascend')[] }),
      }),
      ...(f.noWrap && noWrap),
      ...(f.minWidth && minWidth(f.minWidth)),
    };
  });
  if (rowActions) tableColumns.push({ key: 'actions', title: rowActions.title, fixed: 'right', ...noWrap, render: (_: unknown, r: T) => rowActions.render(r) });

  const editable = fields.filter((f) => f.custom || bulkEditable.includes(f.key));

  const onTableChange: TableProps<T>['onChange'] = (_p, _f, sorter, extra) => {
    if (extra.action === 'sort') setState({ sort: sortFromTable(sorter) });
  };

  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <SavedViewsMenu entity={entity} state={state} onState={setState} />
        <ColumnChooser
          fields={fields}
          columns={shown}
          locked={LOCKED}
          onChange={(cols) => setState({ columns: cols })}
          onReset={() => setState({ columns: undefined })}
        />
      </Flex>
      <Form name={`${entity}List`} layout="inline" colon={false} style={{ marginBottom: 12, rowGap: 8 }} onFinish={() => undefined}>
        <Form.Item label={t('common.search')} htmlFor={`${entity}List_q`}>
          <SearchInput
            id={`${entity}List_q`}
            value={state.q}
            placeholder={searchPlaceholder}
            onSearch={(q) => setState({ q }, { replace: true })}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item>
          <Badge count={state.filters.length} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)}>
              {t('listView.filters')}
            </Button>
          </Badge>
        </Form.Item>
      </Form>
      <FilterChips
        filters={state.filters}
        byKey={byKey}
        onEdit={() => setFiltersOpen(true)}
        onRemove={(i) => setState({ filters: state.filters.filter((_, j) => j !== i) })}
        onClear={() => setState({ filters: [] })}
      />
      <BulkActionsBar
        entity={entity}
        selected={[...selected.values()]}
        editable={editable}
        onClear={() => setSelected(new Map())}
        onDone={(failed) => setSelected((s) => new Map([...s].filter(([id]) => failed.includes(id))))}
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <>
          <Table<T>
            rowKey="id"
            columns={tableColumns}
            dataSource={rows}
            loading={list.isLoading || (list.isFetching && !list.isFetchingNextPage)}
            pagination={false}
            onChange={onTableChange}
            // Below this width the table scrolls; above it, long cells wrap instead of pushing columns off screen.
            scroll={{ x: 1000 }}
            tableLayout="auto"
            rowSelection={{
              selectedRowKeys: [...selected.keys()],
              preserveSelectedRowKeys: true,
              onChange: (_keys, records) => setSelected(new Map(records.filter(Boolean).map((r) => [r.id, { id: r.id, name: r.name }]))),
            }}
            onRow={(r) => ({
              onClick: (e) => {
                const target = e.target as HTMLElement;
                if (target.closest(INTERACTIVE) || window.getSelection()?.toString()) return;
                onOpen(r);
              },
              style: { cursor: 'pointer' },
            })}
            locale={{ emptyText: filtered ? <Empty description={noMatch} /> : empty }}
          />
          {!list.isLoading && (
            <ListFooter
              shown={rows.length}
              total={first?.total}
              capped={first?.totalCapped}
              hasMore={!!list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => list.fetchNextPage()}
            />
          )}
        </>
      )}
      <FilterBuilder
        open={filtersOpen}
        fields={fields}
        filters={state.filters}
        onClose={() => setFiltersOpen(false)}
        onApply={(filters) => {
          setFiltersOpen(false);
          setState({ filters });
        }}
      />
    </>
  );
}
