import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATION_KINDS, type Relation, type RelationKind } from '../../../shared/schemas/decision-chain';
import { QueryError } from '../../components/QueryError';
import { errorMessage } from '../../lib/errorMessage';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useDeleteRelation, useRelations, useSaveRelation } from './api';

type Values = { kind: RelationKind; title: string; happenedOn?: Dayjs | null; ourPeople?: string; theirPeople?: string; notes?: string };

/** 组织客户关系: our company to theirs — agreements, executive visits, joint events. */
export function RelationsCard({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { permissions } = useCurrentUser();
  const relations = useRelations(organizationId);
  const saveRelation = useSaveRelation(organizationId);
  const deleteRelation = useDeleteRelation(organizationId);
  const [editing, setEditing] = useState<Relation | 'new' | null>(null);
  const [form] = Form.useForm<Values>();

  const openForm = (r: Relation | 'new') => {
    setEditing(r);
    form.setFieldsValue(
      r === 'new'
        ? { kind: 'executive_visit', title: '', happenedOn: dayjs(), ourPeople: '', theirPeople: '', notes: '' }
        : { ...r, happenedOn: r.happenedOn ? dayjs(r.happenedOn) : null, ourPeople: r.ourPeople ?? '', theirPeople: r.theirPeople ?? '', notes: r.notes ?? '' },
    );
  };
  const submit = async (v: Values) => {
    const body = { ...v, happenedOn: v.happenedOn ? v.happenedOn.format('YYYY-MM-DD') : null };
    try {
      if (editing === 'new') await saveRelation.mutateAsync(body);
      else if (editing) await saveRelation.mutateAsync({ ...body, id: editing.id, version: editing.version });
      message.success(t('common.saved'));
      setEditing(null);
    } catch (err) {
      message.error(errorMessage(t, err));
    }
  };

  return (
    <Card
      title={t('decisionChain.layers.organization')}
      extra={
        can(permissions, 'key_accounts', 'create') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => openForm('new')}>
            {t('decisionChain.relations.add')}
          </Button>
        )
      }
      data-testid="relations-card"
    >
      {relations.isError ? (
        <QueryError error={relations.error} onRetry={() => relations.refetch()} />
      ) : (
        <Table<Relation>
          rowKey="id"
          size="small"
          loading={relations.isLoading}
          dataSource={relations.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('decisionChain.relations.empty') }}
          columns={[
            { key: 'on', title: t('decisionChain.relations.happenedOn'), width: 120, render: (_, r) => r.happenedOn ?? '—' },
            { key: 'kind', title: t('decisionChain.relations.kind'), width: 120, render: (_, r) => <Tag>{t(`decisionChain.relations.kinds.${r.kind}`)}</Tag> },
            { key: 'title', title: t('decisionChain.relations.title'), dataIndex: 'title' },
            {
              key: 'people',
              title: t('decisionChain.relations.people'),
              render: (_, r) => [r.ourPeople, r.theirPeople].map((p) => p || '—').join(' ⇄ '),
            },
            {
              key: 'actions',
              width: 96,
              render: (_, r) => (
                <>
                  {can(permissions, 'key_accounts', 'update') && (
                    <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => openForm(r)} />
                  )}
                  {can(permissions, 'key_accounts', 'delete') && (
                    <Popconfirm
                      title={t('decisionChain.relations.deleteConfirm')}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => deleteRelation.mutateAsync(r.id).catch((err) => message.error(errorMessage(t, err)))}
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('decisionChain.relations.add') : t('decisionChain.relations.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saveRelation.isPending}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="kind" label={t('decisionChain.relations.kind')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={RELATION_KINDS.map((k) => ({ value: k, label: t(`decisionChain.relations.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('decisionChain.relations.title')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="happenedOn" label={t('decisionChain.relations.happenedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="ourPeople" label={t('decisionChain.relations.ourPeople')} rules={[{ max: 500 }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="theirPeople" label={t('decisionChain.relations.theirPeople')} rules={[{ max: 500 }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="notes" label={t('decisionChain.fields.notes')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
