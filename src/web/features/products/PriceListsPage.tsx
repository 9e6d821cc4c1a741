import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Modal, Select, Table, type TableProps, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CURRENCIES, type Currency } from '../../../shared/money';
import type { PriceList } from '../../../shared/schemas/products';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SearchInput } from '../../components/SearchInput';
import { can } from '../../lib/permissions';
import { minWidth, noWrap, sortFromTable, sortOrderOf } from '../../lib/tableSort';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { useModuleError } from '../quotes/moduleError';
import { usePriceLists, useSavePriceList } from './api';
import { PriceListFields } from './PriceListForm';

const FILTERS = ['q', 'currency', 'sort'] as const;

/** Price lists per currency with their tax rate; a list's prices are edited on its own page. */
export function PriceListsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useModuleError('products');
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string; currency: Currency; taxRate: string; isDefault: boolean; active: boolean }>();
  const lists = usePriceLists({ q: filters.q, currency: filters.currency, sort: filters.sort });
  const save = useSavePriceList();
  const rows = useMemo(() => lists.data?.pages.flatMap((p) => p.items) ?? [], [lists.data]);

  const columns: TableProps<PriceList>['columns'] = [
    {
      ...minWidth(200),
      title: t('products.priceLists.fields.name'),
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort ?? 'name', 'name'),
      render: (_, l) => <Link to={`/price-lists/${l.id}`}>{l.name}</Link>,
    },
    { ...noWrap, title: t('products.priceLists.fields.currency'), key: 'currency', dataIndex: 'currency' },
    { ...noWrap, title: t('products.priceLists.fields.taxRate'), key: 'taxRate', render: (_, l) => `${l.taxRate}%` },
    { ...noWrap, title: t('products.priceLists.fields.items'), key: 'items', align: 'right', dataIndex: 'itemCount' },
    {
      ...noWrap,
      title: t('products.fields.active'),
      key: 'flags',
      render: (_, l) => (
        <Flex gap={4}>
          {l.isDefault && <Tag color="blue">{t('products.priceLists.defaultTag')}</Tag>}
          {l.active ? <Tag color="green">{t('products.activeTag')}</Tag> : <Tag>{t('products.inactiveTag')}</Tag>}
        </Flex>
      ),
    },
    {
      ...noWrap,
      title: t('products.fields.updatedAt'),
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'updatedAt'),
      render: (_, l) => l.updatedAt.slice(0, 10),
    },
  ];

  const create = async () => {
    try {
      const v = await form.validateFields();
      const saved = await save.mutateAsync(v);
      void message.success(t('products.priceLists.created'));
      setCreating(false);
      navigate(`/price-lists/${saved.id}`);
    } catch (err) {
      if (err && typeof err === 'object' && 'errorFields' in err) return;
      showError(err, form);
    }
  };

  return (
    <>
      <PageHeader
        title={t('products.priceLists.title')}
        description={t('products.priceLists.description')}
        extra={
          can(permissions, 'products', 'create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="price-list-create"
              onClick={() => {
                form.setFieldsValue({ name: '', currency: 'CNY', taxRate: '13', isDefault: false, active: true });
                setCreating(true);
              }}
            >
              {t('products.priceLists.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <SearchInput value={filters.q} onSearch={(q) => setFilters({ q })} placeholder={t('products.priceLists.searchPlaceholder')} style={{ width: 240 }} />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('products.priceLists.fields.currency')}
            value={filters.currency}
            onChange={(currency) => setFilters({ currency })}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
        </Flex>
        {lists.isError ? (
          <QueryError error={lists.error} onRetry={() => lists.refetch()} />
        ) : (
          <>
            <Table<PriceList>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={lists.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('products.priceLists.empty')} /> }}
              onChange={(_p, _f, sorter) => setFilters({ sort: sortFromTable(sorter) })}
            />
            <LoadMore
              shown={rows.length}
              total={lists.data?.pages[0]?.total}
              hasMore={!!lists.hasNextPage}
              loading={lists.isFetchingNextPage}
              onLoadMore={() => lists.fetchNextPage()}
            />
          </>
        )}
      </Card>
      <Modal
        open={creating}
        title={t('products.priceLists.create')}
        onCancel={() => setCreating(false)}
        onOk={create}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        width={760}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <PriceListFields />
        </Form>
      </Modal>
    </>
  );
}
