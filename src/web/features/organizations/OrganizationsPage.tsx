import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, type TableProps, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Organization } from '../../../shared/schemas/customers';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../lib/format';
import { can } from '../../lib/permissions';
import { minWidth, noWrap, sortFromTable, sortOrderOf } from '../../lib/tableSort';
import { useShowError } from '../../lib/useShowError';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { LifecycleTag, TagList, TierTag } from '../customers/CustomerTags';
import { partyTypeLabel } from '../customers/customerLabels';
import { OwnerName } from '../customers/OwnerName';
import { provinceText } from '../customers/RegionFields';
import { ORGANIZATION_FILTERS, useDeleteOrganization, useOrganizations } from './api';
import { OrganizationFilterBar } from './OrganizationFilterBar';
import { OrganizationFormDrawer } from './OrganizationFormDrawer';

/** The server lists the most recently changed first unless told otherwise. */
const DEFAULT_SORT = '-updatedAt';

export function OrganizationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [filters, setFilters] = useUrlFilters(ORGANIZATION_FILTERS);
  const organizations = useOrganizations(filters);
  const remove = useDeleteOrganization();
  // The record stays set while the drawer closes, so its title does not flip mid-animation.
  const [drawer, setDrawer] = useState<{ open: boolean; organization: Organization | null }>({ open: false, organization: null });
  const setEditing = (organization: Organization | null) => setDrawer({ open: true, organization });

  const rows = useMemo(() => organizations.data?.pages.flatMap((p) => p.items) ?? [], [organizations.data]);
  const total = organizations.data?.pages[0]?.total;
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'sort' && value);
  const sort = filters.sort ?? DEFAULT_SORT;

  const mayCreate = can(me.permissions, 'organizations', 'create');
  const mayUpdate = can(me.permissions, 'organizations', 'update');
  const mayDelete = can(me.permissions, 'organizations', 'delete');

  const onDelete = (organization: Organization) =>
    remove.mutate(organization.id, {
      onSuccess: () => void message.success(t('organizations.deleted')),
      onError: (err) => showError(err),
    });

  const columns: TableProps<Organization>['columns'] = [
    {
      ...minWidth(180),
      title: t('organizations.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'name'),
      render: (name: string, org) => <Link to={`/organizations/${org.id}`}>{name}</Link>,
    },
    { ...noWrap, title: t('customers.partyType'), dataIndex: 'partyType', key: 'partyType', render: (v: string) => partyTypeLabel(t, v) },
    {
      ...noWrap,
      title: t('customers.lifecycleStatus'),
      dataIndex: 'lifecycleStatus',
      key: 'lifecycleStatus',
      render: (v: string) => <LifecycleTag status={v} />,
    },
    { ...noWrap, title: t('customers.tier'), dataIndex: 'tier', key: 'tier', render: (v: string | null) => <TierTag tier={v} /> },
    { ...noWrap, title: t('customers.province'), dataIndex: 'province', key: 'province', render: provinceText },
    { ...noWrap, title: t('customers.owner'), dataIndex: 'ownerId', key: 'owner', render: (id: string | null) => <OwnerName id={id} /> },
    { title: t('customers.tags'), dataIndex: 'tags', key: 'tags', render: (tags: string[]) => <TagList tags={tags} /> },
    {
      ...noWrap,
      title: t('customers.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      // Newest first is the default, so the first click on the header turns it around.
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderOf(sort, 'updatedAt'),
      render: formatDate,
    },
    {
      ...noWrap,
      title: t('customers.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'createdAt'),
      render: formatDate,
    },
  ];
  if (mayUpdate || mayDelete) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      ...noWrap,
      render: (_, org) => (
        <Space size={0}>
          {mayUpdate && (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(org)} />
            </Tooltip>
          )}
          {mayDelete && (
            <Popconfirm
              title={t('organizations.deleteConfirm', { name: org.name })}
              description={t('common.recycleBinHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => onDelete(org)}
            >
              <Tooltip title={t('common.delete')}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Tooltip>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  const onTableChange: TableProps<Organization>['onChange'] = (_pagination, _filters, sorter) => setFilters({ sort: sortFromTable(sorter) });

  const emptyText = filtered ? (
    <Empty description={t('organizations.noMatch')} />
  ) : (
    <Empty description={t('organizations.empty')}>
      {mayCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('organizations.create')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        description={t('organizations.description')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('organizations.create')}
            </Button>
          )
        }
      />
      <OrganizationFilterBar filters={filters} onChange={setFilters} />
      {organizations.isError ? (
        <QueryError error={organizations.error} onRetry={() => organizations.refetch()} />
      ) : (
        <>
          <Table<Organization>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={organizations.isLoading || (organizations.isFetching && !organizations.isFetchingNextPage)}
            pagination={false}
            onChange={onTableChange}
            // Below this width the table scrolls; above it, long cells wrap instead of pushing columns off screen.
            scroll={{ x: 1000 }}
            tableLayout="auto"
            locale={{ emptyText }}
          />
          {!organizations.isLoading && (
            <LoadMore
              shown={rows.length}
              total={total}
              hasMore={!!organizations.hasNextPage}
              loading={organizations.isFetchingNextPage}
              onLoadMore={() => organizations.fetchNextPage()}
            />
          )}
        </>
      )}
      <OrganizationFormDrawer
        open={drawer.open}
        organization={drawer.organization}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onCreated={(o) => navigate(`/organizations/${o.id}`)}
      />
    </>
  );
}
