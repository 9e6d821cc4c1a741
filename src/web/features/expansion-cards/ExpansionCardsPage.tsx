import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, Form, Input, Modal, Segmented, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ExpansionCardSummary } from '../../../shared/schemas/expansion-cards';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SearchInput } from '../../components/SearchInput';
import { formatDate } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useCards, useCreateCard } from './api';

type Relation = 'mine' | 'sponsored' | 'reports';
const today = () => new Date().toISOString().slice(0, 10);

/** A new card starts with its account and a title; the six steps are filled on the card itself. */
function NewCardModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const create = useCreateCard();
  const [form] = Form.useForm<{ organizationId: string; title: string }>();
  return (
    <Modal
      open={open}
      title={t('expansionCards.new')}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (values) => {
          try {
            const card = await create.mutateAsync(values);
            onClose();
            navigate(`/expansion-cards/${card.id}`);
          } catch (err) {
            showError(err, form);
          }
        }}
      >
        <Form.Item name="organizationId" label={t('expansionCards.account')} rules={[{ required: true, message: t('expansionCards.accountRequired') }]}>
          <OrganizationSelect placeholder={t('expansionCards.accountPlaceholder')} />
        </Form.Item>
        <Form.Item name="title" label={t('expansionCards.title')} rules={[{ required: true, whitespace: true, message: t('expansionCards.titleRequired') }]}>
          <Input maxLength={200} placeholder={t('expansionCards.titlePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Expansion cards the user may see: their own, those they sponsor, and those of the teams they manage. */
export function ExpansionCardsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [relation, setRelation] = useState<Relation>('mine');
  const [status, setStatus] = useState<string | undefined>('active');
  const [dueForReview, setDueForReview] = useState(false);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('-updatedAt');
  const [creating, setCreating] = useState(false);
  const cards = useCards({ relation, status, dueForReview: dueForReview || undefined, q: q || undefined, sort });
  const items = cards.data?.pages.flatMap((p) => p.items) ?? [];
  const total = cards.data?.pages[0]?.total;
  const canCreate = can(me.permissions, 'key_accounts', 'create');

  return (
    <>
      <PageHeader
        title={t('expansionCards.heading')}
        description={t('expansionCards.description')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('expansionCards.new')}
            </Button>
          )
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<Relation>
          value={relation}
          onChange={setRelation}
          options={(['mine', 'sponsored', 'reports'] as const).map((r) => ({ value: r, label: t(`expansionCards.relations.${r}`) }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          placeholder={t('expansionCards.status')}
          aria-label={t('expansionCards.status')}
          options={(['active', 'closed'] as const).map((s) => ({ value: s, label: t(`expansionCards.statuses.${s}`) }))}
        />
        <Checkbox checked={dueForReview} onChange={(e) => setDueForReview(e.target.checked)}>
          {t('expansionCards.dueForReview')}
        </Checkbox>
        <SearchInput
          value={q}
          onSearch={(v) => setQ(v ?? '')}
          placeholder={t('expansionCards.searchPlaceholder')}
          aria-label={t('expansionCards.searchPlaceholder')}
          style={{ width: 220 }}
        />
      </Flex>
      {cards.error ? (
        <QueryError error={cards.error} onRetry={() => cards.refetch()} />
      ) : (
        <>
          <Table<ExpansionCardSummary>
            rowKey="id"
            loading={cards.isLoading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: <Empty description={t('expansionCards.empty')} /> }}
            onChange={(_p, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              setSort(s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.field)}` : '-updatedAt');
            }}
            columns={[
              {
                title: t('expansionCards.title'),
                dataIndex: 'title',
                key: 'title',
                sorter: true,
                render: (v: string, r) => <Link to={`/expansion-cards/${r.id}`}>{v}</Link>,
              },
              { title: t('expansionCards.account'), dataIndex: 'organizationName', key: 'organization' },
              { title: t('expansionCards.target'), dataIndex: 'targetName', key: 'target', render: (v: string | null) => v ?? '—' },
              { title: t('expansionCards.owner'), dataIndex: 'ownerName', key: 'owner' },
              { title: t('expansionCards.sponsor'), dataIndex: 'sponsorName', key: 'sponsor', render: (v: string | null) => v ?? '—' },
              {
                title: t('expansionCards.nextReview'),
                dataIndex: 'nextReviewOn',
                key: 'nextReviewOn',
                sorter: true,
                render: (v: string | null, r) => (v ? <Tag color={r.status === 'active' && v <= today() ? 'red' : undefined}>{formatDate(v)}</Tag> : '—'),
              },
              { title: t('expansionCards.status'), dataIndex: 'status', key: 'status', render: (v: string) => t(`expansionCards.statuses.${v}`) },
            ]}
          />
          <LoadMore
            shown={items.length}
            total={total}
            hasMore={!!cards.hasNextPage}
            loading={cards.isFetchingNextPage}
            onLoadMore={() => cards.fetchNextPage()}
          />
        </>
      )}
      <NewCardModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
