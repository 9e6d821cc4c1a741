import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Contact } from '../../../shared/schemas/customers';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { ExportMenu } from '../exports/ExportMenu';
import { ImportButton } from '../imports/ImportButton';
import { ListView } from '../list-views/ListView';
import type { BuiltinColumn } from '../list-views/listFields';
import { partyColumns } from '../list-views/partyColumns';
import { RowActions } from '../list-views/RowActions';
import { useDeleteContact } from './api';
import { ContactFormDrawer } from './ContactFormDrawer';
import { ContactMemberships } from './ContactMemberships';

/** Built-in fields a bulk edit may set on many contacts at once. */
const BULK_EDITABLE = ['tier', 'source'] as const;

export function ContactsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const remove = useDeleteContact();
  // The record stays set while the drawer closes, so its title does not flip mid-animation.
  const [drawer, setDrawer] = useState<{ open: boolean; contact: Contact | null }>({ open: false, contact: null });
  const setEditing = (contact: Contact | null) => setDrawer({ open: true, contact });

  const mayCreate = can(me.permissions, 'contacts', 'create');
  const mayUpdate = can(me.permissions, 'contacts', 'update');
  const mayDelete = can(me.permissions, 'contacts', 'delete');
  const mayOpenOrganizations = can(me.permissions, 'organizations', 'read');

  const columns = useMemo<Record<string, BuiltinColumn<Contact>>>(
    () => ({
      ...partyColumns<Contact>(t),
      name: { label: t('contacts.name'), noWrap: true, render: (c) => <Link to={`/contacts/${c.id}`}>{c.name}</Link> },
      organizations: { label: t('contacts.organizations'), minWidth: 180, render: (c) => <ContactMemberships contact={c} /> },
      // Filter only: contacts of one or more organizations.
      ...(mayOpenOrganizations && { organizationId: { label: t('contacts.organization') } }),
      reach: {
        label: t('contacts.phoneAndEmail'),
        noWrap: true,
        render: (c) => (
          <Flex vertical>
            {c.phones[0] && <span>{c.phones[0].number}</span>}
            {c.emails[0] && <Typography.Text type="secondary">{c.emails[0].address}</Typography.Text>}
          </Flex>
        ),
      },
    }),
    [t, mayOpenOrganizations],
  );

  const onDelete = (contact: Contact) =>
    remove.mutate(contact.id, {
      onSuccess: () => void message.success(t('contacts.deleted')),
      onError: (err) => showError(err),
    });

  const createButton = mayCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
      {t('contacts.create')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        extra={
          <>
            <ImportButton entity="contacts" />
            <ExportMenu entity="contacts" />
            {createButton}
          </>
        }
      />
      <ListView<Contact>
        entity="contacts"
        columns={columns}
        bulkEditable={BULK_EDITABLE}
        searchPlaceholder={t('contacts.searchPlaceholder')}
        empty={<Empty description={t('contacts.empty')}>{createButton}</Empty>}
        noMatch={t('contacts.noMatch')}
        onOpen={(c) => navigate(`/contacts/${c.id}`)}
        rowActions={
          mayUpdate || mayDelete
            ? {
                title: t('common.actions'),
                render: (c) => (
                  <RowActions
                    onEdit={mayUpdate ? () => setEditing(c) : undefined}
                    deleteTitle={t('contacts.deleteConfirm', { name: c.name })}
                    onDelete={mayDelete ? () => onDelete(c) : undefined}
                  />
                ),
              }
            : undefined
        }
      />
      <ContactFormDrawer
        open={drawer.open}
        contact={drawer.contact}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onCreated={(c) => navigate(`/contacts/${c.id}`)}
      />
    </>
  );
}
