import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Dimension, SCALE_MAX_LIMITS } from '../../../shared/schemas/assessments';
import { QueryError } from '../../components/QueryError';
import { fieldErrors } from '../../lib/errorMessage';
import { useCreateDimension, useDeleteDimension, useDimensions, useUpdateDimension, useUpdateScale } from './api';
import { dimensionDescription, dimensionName } from './dimensionName';
import { keyAccountError } from './keyAccountError';

type Editing = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; dimension: Dimension };

interface Values {
  key: string;
  nameEn: string;
  nameZh: string;
  descriptionEn?: string;
  descriptionZh?: string;
  sortOrder?: number;
  active: boolean;
}

function DimensionModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDimension();
  const update = useUpdateDimension();
  const current = editing.mode === 'edit' ? editing.dimension : null;

  useEffect(() => {
    if (editing.mode === 'closed') return;
    form.resetFields();
    if (current) form.setFieldsValue({ ...current, descriptionEn: current.descriptionEn ?? undefined, descriptionZh: current.descriptionZh ?? undefined });
  }, [editing, current, form]);

  async function submit(v: Values) {
    const body = { ...v, descriptionEn: v.descriptionEn?.trim() || null, descriptionZh: v.descriptionZh?.trim() || null };
    try {
      if (current) {
        const { key: _key, ...changes } = body;
        await update.mutateAsync({ id: current.id, version: current.version, ...changes });
      } else await create.mutateAsync(body);
      message.success(t('assessments.settings.saved'));
      onClose();
    } catch (err) {
      const fields = fieldErrors(t, err);
      if (fields.length > 0) form.setFields(fields as never);
      else message.error(keyAccountError(t, err));
    }
  }

  return (
    <Modal
      open={editing.mode !== 'closed'}
      title={current ? t('assessments.settings.edit') : t('assessments.settings.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ active: true }}>
        <Form.Item
          name="key"
          label={t('assessments.settings.key')}
          extra={t('assessments.settings.keyHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^[a-z][a-z0-9_]{1,49}$/, message: t('assessments.settings.keyPattern') },
          ]}
        >
          <Input disabled={!!current} maxLength={50} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="nameZh" label={t('assessments.settings.nameZh')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('assessments.settings.nameEn')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="descriptionZh" label={t('assessments.settings.descriptionZh')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t('assessments.settings.descriptionEn')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Flex gap={24}>
          <Form.Item name="sortOrder" label={t('assessments.settings.sortOrder')}>
            <InputNumber min={0} max={100_000} />
          </Form.Item>
          <Form.Item name="active" label={t('assessments.settings.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** Settings tab: the dimensions accounts are scored on, and the scale's top. */
export function DimensionsSettings() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const dimensions = useDimensions();
  const remove = useDeleteDimension();
  const scale = useUpdateScale();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [max, setMax] = useState<number | null>(null);
  const currentMax = dimensions.data?.scale.max;

  if (dimensions.isError) return <QueryError error={dimensions.error} onRetry={() => dimensions.refetch()} />;

  return (
    <div data-testid="assessment-settings">
      <Card title={t('assessments.settings.scale')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('assessments.settings.scaleHint')}</Typography.Paragraph>
        <Space>
          <Typography.Text>{t('assessments.settings.scaleFrom')}</Typography.Text>
          <InputNumber
            aria-label={t('assessments.settings.scaleMax')}
            min={SCALE_MAX_LIMITS.min}
            max={SCALE_MAX_LIMITS.max}
            value={max ?? currentMax}
            onChange={(v) => setMax(v)}
          />
          <Button
            type="primary"
            disabled={max === null || max === currentMax}
            loading={scale.isPending}
            onClick={() =>
              scale.mutateAsync({ max: max as number }).then(
                () => {
                  setMax(null);
                  message.success(t('assessments.settings.saved'));
                },
                (err) => message.error(keyAccountError(t, err)),
              )
            }
          >
            {t('common.save')}
          </Button>
        </Space>
      </Card>
      <Card
        title={t('assessments.settings.dimensions')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new' })}>
            {t('assessments.settings.add')}
          </Button>
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={dimensions.isLoading}
          pagination={false}
          dataSource={dimensions.data?.items ?? []}
          columns={[
            { key: 'order', title: t('assessments.settings.sortOrder'), width: 80, render: (_, d) => d.sortOrder },
            {
              key: 'name',
              title: t('assessments.dimension'),
              render: (_, d) => (
                <>
                  <Typography.Text strong>{dimensionName(d, i18n.language)}</Typography.Text>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {d.key}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{dimensionDescription(d, i18n.language)}</Typography.Text>
                  </div>
                </>
              ),
            },
            {
              key: 'active',
              title: t('assessments.settings.active'),
              width: 100,
              render: (_, d) => (d.active ? <Tag color="green">{t('assessments.settings.on')}</Tag> : <Tag>{t('assessments.settings.off')}</Tag>),
            },
            {
              key: 'actions',
              title: '',
              width: 100,
              render: (_, d) => (
                <Flex gap={4}>
                  <Button
                    size="small"
                    type="text"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => setEditing({ mode: 'edit', dimension: d })}
                  />
                  <Popconfirm
                    title={t('assessments.settings.deleteConfirm')}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutateAsync(d.id).catch((err) => message.error(keyAccountError(t, err)))}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <DimensionModal editing={editing} onClose={() => setEditing({ mode: 'closed' })} />
    </div>
  );
}
