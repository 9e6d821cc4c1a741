import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Popconfirm, Space, Table, type TableProps, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Contact } from '../../../shared/schemas/customers';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../lib/format';
import { can } from '../../lib/permissions';
import { minWidth, noWrap, sortFromTable, sortOrderOf } from '../../lib/tableSort';
import { useShowError } from '../../lib/useShowError';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { TagList, TierTag } from '../customers/CustomerTags';
import { OwnerName } from '../customers/OwnerName';
import { CONTACT_FILTERS, useContacts, useDeleteContact } from './api';
import { ContactFilterBar } from './ContactFilterBar';
import { ContactFormDrawer } from './ContactFormDrawer';
import { ContactMemberships } from './ContactMemberships';

/** The server lists the most recently changed first unless told otherwise. */
const DEFAULT_SORT = '-updatedAt';

export function ContactsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [filters, setFilters] = useUrlFilters(CONTACT_FILTERS);
  const contacts = useContacts(filters);
  const remove = useDeleteContact();
  // The record stays set while the drawer closes, so its title does not flip mid-animation.
  const [drawer, setDrawer] = useState<{ open: boolean; contact: Contact | null }>({ open: false, contact: null });
  const setEditing = (contact: Contact | null) => setDrawer({ open: true, contact });

  const rows = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  const total = contacts.data?.pages[0]?.total;
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'sort' && value);
  const sort = filters.sort ?? DEFAULT_SORT;

  const mayCreate = can(me.permissions, 'contacts', 'create');
  const mayUpdate = can(me.permissions, 'contacts', 'update');
  const mayDelete = can(me.permissions, 'contacts', 'delete');
  const mayOpenOrganizations = can(me.permissions, 'organizations', 'read');

  const onDelete = (contact: Contact) =>
    remove.mutate(contact.id, {
      onSuccess: () => void message.success(t('contacts.deleted')),
      onError: (err) => showError(err),
    });

  const columns: TableProps<Contact>['columns'] = [
    {
      ...noWrap,
      title: t('contacts.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'name'),
      render: (name: string, c) => <Link to={`/contacts/${c.id}`}>{name}</Link>,
    },
    {
      ...minWidth(180),
      title: t('contacts.organizations'),
      key: 'organizations',
      render: (_, c) => <ContactMemberships contact={c} linked={mayOpenOrganizations} />,
    },
    { ...noWrap, title: t('customers.tier'), dataIndex: 'tier', key: 'tier', render: (v: string | null) => <TierTag tier={v} /> },
    {
      ...noWrap,
      title: t('contacts.phoneAndEmail'),
      key: 'reach',
      render: (_, c) => (
        <Flex vertical>
          {c.phones[0] && <span>{c.phones[0].number}</span>}
          {c.emails[0] && <Typography.Text type="secondary">{c.emails[0].address}</Typography.Text>}
        </Flex>
      ),
    },
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
      render: (_, c) => (
        <Space size={0}>
          {mayUpdate && (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(c)} />
            </Tooltip>
          )}
          {mayDelete && (
            <Popconfirm
              title={t('contacts.deleteConfirm', { name: c.name })}
              description={t('common.recycleBinHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => onDelete(c)}
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

  const onTableChange: TableProps<Contact>['onChange'] = (_pagination, _filters, sorter) => setFilters({ sort: sortFromTable(sorter) });

  const emptyText = filtered ? (
    <Empty description={t('contacts.noMatch')} />
  ) : (
    <Empty description={t('contacts.empty')}>
      {mayCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('contacts.create')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('contacts.create')}
            </Button>
          )
        }
      />
      <ContactFilterBar filters={filters} onChange={setFilters} />
      {contacts.isError ? (
        <QueryError error={contacts.error} onRetry={() => contacts.refetch()} />
      ) : (
        <>
          <Table<Contact>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={contacts.isLoading || (contacts.isFetching && !contacts.isFetchingNextPage)}
            pagination={false}
            onChange={onTableChange}
            // Below this width the table scrolls; above it, long cells wrap instead of pushing columns off screen.
            scroll={{ x: 1000 }}
            tableLayout="auto"
            locale={{ emptyText }}
          />
          {!contacts.isLoading && (
            <LoadMore
              shown={rows.length}
              total={total}
              hasMore={!!contacts.hasNextPage}
              loading={contacts.isFetchingNextPage}
              onLoadMore={() => contacts.fetchNextPage()}
            />
          )}
        </>
      )}
      <ContactFormDrawer
        open={drawer.open}
        contact={drawer.contact}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onCreated={(c) => navigate(`/contacts/${c.id}`)}
      />
    </>
  );
}
