import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Select, Table, type TableProps, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/schemas/products';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SearchInput } from '../../components/SearchInput';
import { can } from '../../lib/permissions';
import { minWidth, noWrap, sortFromTable, sortOrderOf } from '../../lib/tableSort';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { ImportButton } from '../imports/ImportButton';
import { useModuleError } from '../quotes/moduleError';
import { useDeleteProduct, useProducts } from './api';
import { ProductFormDrawer } from './ProductFormDrawer';

const FILTERS = ['q', 'category', 'active', 'sort'] as const;

/** The product catalogue: SKU, name, unit, category; editing takes the products create/update rights. */
export function ProductsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useModuleError('products');
  const { permissions } = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const products = useProducts({ q: filters.q, category: filters.category, active: filters.active, sort: filters.sort });
  const remove = useDeleteProduct();
  const rows = useMemo(() => products.data?.pages.flatMap((p) => p.items) ?? [], [products.data]);
  const canEdit = can(permissions, 'products', 'update');
  const canDelete = can(permissions, 'products', 'delete');

  const columns: TableProps<Product>['columns'] = [
    { ...noWrap, title: t('products.fields.sku'), key: 'sku', dataIndex: 'sku', sorter: true, sortOrder: sortOrderOf(filters.sort, 'sku') },
    {
      ...minWidth(200),
      title: t('products.fields.name'),
      key: 'name',
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort ?? 'name', 'name'),
    },
    { ...noWrap, title: t('products.fields.unit'), key: 'unit', dataIndex: 'unit' },
    { ...noWrap, title: t('products.fields.category'), key: 'category', render: (_, p) => p.category ?? '—' },
    {
      ...noWrap,
      title: t('products.fields.active'),
      key: 'active',
      render: (_, p) => (p.active ? <Tag color="green">{t('products.activeTag')}</Tag> : <Tag>{t('products.inactiveTag')}</Tag>),
    },
    {
      ...noWrap,
      title: t('products.fields.updatedAt'),
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'updatedAt'),
      render: (_, p) => p.updatedAt.slice(0, 10),
    },
    ...(canEdit || canDelete
      ? [
          {
            ...noWrap,
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, p: Product) => (
              <Flex gap={4}>
                {canEdit && <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(p)} />}
                {canDelete && (
                  <Popconfirm
                    title={t('products.deleteConfirm', { name: p.name })}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      remove.mutateAsync(p.id).then(
                        () => message.success(t('products.deleted')),
                        (err) => showError(err),
                      )
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('products.title')}
        description={t('products.description')}
        extra={
          can(permissions, 'products', 'create') && (
            <>
              <ImportButton entity="products" />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="product-create">
                {t('products.create')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <SearchInput value={filters.q} onSearch={(q) => setFilters({ q })} placeholder={t('products.searchPlaceholder')} />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('products.fields.active')}
            value={filters.active}
            onChange={(active) => setFilters({ active })}
            options={[
              { value: 'true', label: t('products.activeTag') },
              { value: 'false', label: t('products.inactiveTag') },
            ]}
          />
        </Flex>
        {products.isError ? (
          <QueryError error={products.error} onRetry={() => products.refetch()} />
        ) : (
          <>
            <Table<Product>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={products.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('products.empty')} /> }}
              onChange={(_p, _f, sorter) => setFilters({ sort: sortFromTable(sorter) })}
            />
            <LoadMore
              shown={rows.length}
              total={products.data?.pages[0]?.total}
              hasMore={!!products.hasNextPage}
              loading={products.isFetchingNextPage}
              onLoadMore={() => products.fetchNextPage()}
            />
          </>
        )}
      </Card>
      <ProductFormDrawer open={editing !== null} product={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} />
    </>
  );
}
