import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Descriptions, type DescriptionsProps, Empty, Flex, Popconfirm, Result, Row, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Contact } from '../../../shared/schemas/customers';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { RecordPanels } from '../../components/RecordPanels';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { ActivityTimeline } from '../activities/ActivityTimeline';
import { useCurrentUser } from '../auth/api';
import { CustomFieldGroups } from '../custom-fields/CustomFieldGroups';
import { ContactPointsText } from '../customers/ContactPointFields';
import { TagList, TierTag } from '../customers/CustomerTags';
import { OwnerName } from '../customers/OwnerName';
import { useHistoryResolve } from '../customers/useHistoryResolve';
import { MergeButton } from '../merge/MergeButton';
import { regionText } from '../regions/RegionName';
import { useRecordView } from '../search/api';
import { ContactTasksCard } from '../tasks/OpenTasksPanel';
import { useContact, useDeleteContact } from './api';
import { ContactFormDrawer } from './ContactFormDrawer';
import { MembershipOrganization } from './ContactMemberships';
import { CONTACT_PANELS } from './contactPanels';

type Membership = Contact['organizations'][number];

export function ContactDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const contact = useContact(id);
  useRecordView('contacts', contact.data?.id);

  if (contact.isPending) return <PageLoading />;
  if (contact.isError) {
    if (contact.error instanceof ApiError && contact.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('contacts.notFound')}
          subTitle={t('errors.not_found')}
          extra={
            <Link to="/contacts">
              <Button type="primary">{t('contacts.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <QueryError error={contact.error} onRetry={() => contact.refetch()} />;
  }
  return <ContactView contact={contact.data} />;
}

const dash = (v: string | null) => v || '—';

function ContactView({ contact: c }: { contact: Contact }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const remove = useDeleteContact();
  // Memberships in the history name organizations by id; those the contact belongs to now have names here.
  const known = useMemo(() => ({ organizationId: new Map(c.organizations.map((m) => [m.organizationId, m.organizationName])) }), [c.organizations]);
  const resolve = useHistoryResolve(known);
  const organizationChoices = useMemo(() => c.organizations.map((m) => ({ value: m.organizationId, label: m.organizationName })), [c.organizations]);

  const onDelete = () =>
    remove.mutate(c.id, {
      onSuccess: () => {
        void message.success(t('contacts.deleted'));
        navigate('/contacts', { replace: true });
      },
      onError: (err) => showError(err),
    });

  const items: DescriptionsProps['items'] = [
    { key: 'tier', label: t('customers.tier'), children: c.tier ? <TierTag tier={c.tier} /> : '—' },
    { key: 'owner', label: t('customers.owner'), children: <OwnerName id={c.ownerId} /> },
    {
      key: 'phones',
      label: t('customers.phones'),
      children: <ContactPointsText items={c.phones.map((p) => ({ label: p.label, value: p.number, href: `tel:${p.number.replace(/[^\d+]/g, '')}` }))} />,
    },
    {
      key: 'emails',
      label: t('customers.emails'),
      children: <ContactPointsText items={c.emails.map((e) => ({ label: e.label, value: e.address, href: `mailto:${e.address}` }))} />,
    },
    { key: 'source', label: t('customers.source'), children: dash(c.source) },
    { key: 'region', label: t('customers.region'), children: regionText(c, i18n.language) || '—' },
    { key: 'address', label: t('customers.address'), span: 'filled', children: dash(c.address) },
    { key: 'tags', label: t('customers.tags'), span: 'filled', children: c.tags.length > 0 ? <TagList tags={c.tags} /> : '—' },
    {
      key: 'notes',
      label: t('customers.notes'),
      span: 'filled',
      children: c.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.notes}</Typography.Paragraph> : '—',
    },
    { key: 'lastActivity', label: t('customers.lastActivityAt'), children: formatDateTime(c.lastActivityAt) || t('common.never') },
    { key: 'created', label: t('customers.createdAt'), children: formatDateTime(c.createdAt) },
    { key: 'updated', label: t('customers.updatedAt'), children: formatDateTime(c.updatedAt) },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/contacts">{t('contacts.title')}</Link> }, { title: c.name }]} />
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex vertical gap={8}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
            {c.name}
          </Typography.Title>
          <Flex wrap gap={8} align="center">
            {c.organizations[0] && (
              <Typography.Text type="secondary">{[c.organizations[0].title, c.organizations[0].organizationName].filter(Boolean).join(' · ')}</Typography.Text>
            )}
            <TierTag tier={c.tier} />
            <Typography.Text type="secondary">
              {t('customers.owner')}: <OwnerName id={c.ownerId} />
            </Typography.Text>
            <span>
              <TagList tags={c.tags} />
            </span>
          </Flex>
        </Flex>
        <Space wrap>
          {can(permissions, 'contacts', 'update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {can(permissions, 'contacts', 'delete') && (
            <Popconfirm
              title={t('contacts.deleteConfirm', { name: c.name })}
              description={t('common.recycleBinHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true, loading: remove.isPending }}
              cancelText={t('common.cancel')}
              onConfirm={onDelete}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
          <MergeButton type="contacts" id={c.id} />
        </Space>
      </Flex>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('contacts.profile')}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} />
              <CustomFieldGroups entity="contacts" values={c.custom} />
            </Card>
            <Card title={t('contacts.organizations')}>
              <Table<Membership>
                rowKey="organizationId"
                size="small"
                pagination={false}
                dataSource={c.organizations}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.noOrganization')} /> }}
                columns={[
                  {
                    title: t('contacts.organization'),
                    dataIndex: 'organizationName',
                    key: 'organization',
                    render: (_: string, m) => <MembershipOrganization membership={m} />,
                  },
                  { title: t('contacts.jobTitle'), dataIndex: 'title', key: 'title', render: dash },
                  { title: t('contacts.department'), dataIndex: 'department', key: 'department', render: dash },
                ]}
              />
            </Card>
            <ContactTasksCard contactId={c.id} />
            <RecordPanels panels={CONTACT_PANELS} props={{ contact: c }} />
          </Flex>
        </Col>
        {/* The activity column: quick log, then activities and changes (the record's history folded in). */}
        <Col xs={24} xl={10}>
          <ActivityTimeline of={{ contactId: c.id }} form={{ contactId: c.id, organizationChoices }} resolve={resolve} />
        </Col>
      </Row>
      <ContactFormDrawer open={editing} contact={c} onClose={() => setEditing(false)} />
    </>
  );
}
