import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Organization } from '../../../shared/schemas/customers';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { LifecycleTag } from '../customers/CustomerTags';
import { lifecycleLabel, partyTypeLabel, sizeLabel } from '../customers/customerLabels';
import { ExportMenu } from '../exports/ExportMenu';
import { ImportButton } from '../imports/ImportButton';
import { ListView } from '../list-views/ListView';
import type { BuiltinColumn } from '../list-views/listFields';
import { partyColumns } from '../list-views/partyColumns';
import { RowActions } from '../list-views/RowActions';
import { useDeleteOrganization } from './api';
import { OrganizationFormDrawer } from './OrganizationFormDrawer';

/** Built-in fields a bulk edit may set on many organizations at once. */
const BULK_EDITABLE = ['partyType', 'lifecycleStatus', 'tier', 'industry', 'size', 'source'] as const;

export function OrganizationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const remove = useDeleteOrganization();
  // The record stays set while the drawer closes, so its title does not flip mid-animation.
  const [drawer, setDrawer] = useState<{ open: boolean; organization: Organization | null }>({ open: false, organization: null });
  const setEditing = (organization: Organization | null) => setDrawer({ open: true, organization });

  const mayCreate = can(me.permissions, 'organizations', 'create');
  const mayUpdate = can(me.permissions, 'organizations', 'update');
  const mayDelete = can(me.permissions, 'organizations', 'delete');

  const columns = useMemo<Record<string, BuiltinColumn<Organization>>>(
    () => ({
      ...partyColumns<Organization>(t),
      name: { label: t('organizations.name'), minWidth: 180, render: (o) => <Link to={`/organizations/${o.id}`}>{o.name}</Link> },
      partyType: { label: t('customers.partyType'), noWrap: true, optionLabel: (v) => partyTypeLabel(t, v), render: (o) => partyTypeLabel(t, o.partyType) },
      lifecycleStatus: {
        label: t('customers.lifecycleStatus'),
        noWrap: true,
        optionLabel: (v) => lifecycleLabel(t, v),
        render: (o) => <LifecycleTag status={o.lifecycleStatus} />,
      },
      industry: { label: t('organizations.industry'), noWrap: true },
      size: { label: t('organizations.size'), noWrap: true, optionLabel: (v) => sizeLabel(t, v), render: (o) => (o.size ? sizeLabel(t, o.size) : '') },
      website: { label: t('organizations.website'), noWrap: true },
      uscc: { label: t('organizations.uscc'), noWrap: true },
    }),
    [t],
  );

  const onDelete = (organization: Organization) =>
    remove.mutate(organization.id, {
      onSuccess: () => void message.success(t('organizations.deleted')),
      onError: (err) => showError(err),
    });

  const createButton = mayCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
      {t('organizations.create')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        description={t('organizations.description')}
        extra={
          <>
            <ImportButton entity="organizations" />
            <ExportMenu entity="organizations" />
            {createButton}
          </>
        }
      />
      <ListView<Organization>
        entity="organizations"
        columns={columns}
        bulkEditable={BULK_EDITABLE}
        searchPlaceholder={t('organizations.searchPlaceholder')}
        empty={<Empty description={t('organizations.empty')}>{createButton}</Empty>}
        noMatch={t('organizations.noMatch')}
        onOpen={(o) => navigate(`/organizations/${o.id}`)}
        rowActions={
          mayUpdate || mayDelete
            ? {
                title: t('common.actions'),
                render: (o) => (
                  <RowActions
                    onEdit={mayUpdate ? () => setEditing(o) : undefined}
                    deleteTitle={t('organizations.deleteConfirm', { name: o.name })}
                    onDelete={mayDelete ? () => onDelete(o) : undefined}
                  />
                ),
              }
            : undefined
        }
      />
      <OrganizationFormDrawer
        open={drawer.open}
        organization={drawer.organization}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        onCreated={(o) => navigate(`/organizations/${o.id}`)}
      />
    </>
  );
}
