import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../../../shared/schemas/customers';
import { LoadMore } from '../../components/LoadMore';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { ContactFormDrawer } from '../contacts/ContactFormDrawer';
import { TierTag } from '../customers/CustomerTags';
import { useOrganizationContacts } from './api';

/** The people of one organization, with their title and department there; "Add contact" links a new one to it. */
export function OrganizationContactsPanel({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  const contacts = useOrganizationContacts(organizationId);
  const [adding, setAdding] = useState(false);
  const rows = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  const total = contacts.data?.pages[0]?.total;
  const mayCreate = can(permissions, 'contacts', 'create');
  const mayRead = can(permissions, 'contacts', 'read');

  const membership = (c: Contact) => c.organizations.find((m) => m.organizationId === organizationId);
  const columns: TableProps<Contact>['columns'] = [
    {
      title: t('contacts.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, c) => (mayRead ? <Link to={`/contacts/${c.id}`}>{name}</Link> : name),
    },
    { title: t('contacts.jobTitle'), key: 'title', render: (_, c) => membership(c)?.title || '—' },
    { title: t('contacts.department'), key: 'department', render: (_, c) => membership(c)?.department || '—' },
    { title: t('customers.phone'), key: 'phone', render: (_, c) => c.phones[0]?.number ?? '—' },
    { title: t('customers.email'), key: 'email', render: (_, c) => c.emails[0]?.address ?? '—' },
    { title: t('customers.tier'), dataIndex: 'tier', key: 'tier', render: (v: string | null) => <TierTag tier={v} /> },
  ];

  return (
    <Card
      title={total === undefined ? t('organizations.contacts') : t('organizations.contactsCount', { count: total })}
      extra={
        mayCreate && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('organizations.addContact')}
          </Button>
        )
      }
    >
      {contacts.isError ? (
        <QueryError error={contacts.error} onRetry={() => contacts.refetch()} />
      ) : (
        <>
          <Table<Contact>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={contacts.isLoading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('organizations.noContacts')} /> }}
          />
          {contacts.hasNextPage && (
            <LoadMore shown={rows.length} total={total} hasMore loading={contacts.isFetchingNextPage} onLoadMore={() => contacts.fetchNextPage()} />
          )}
        </>
      )}
      <ContactFormDrawer open={adding} contact={null} organizationId={organizationId} onClose={() => setAdding(false)} />
    </Card>
  );
}
