import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Pipeline, STAGE_KINDS, type StageInput } from '../../../shared/schemas/opportunities';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { useShowError } from '../../lib/useShowError';
import { useDeletePipeline, usePipelines, useSavePipeline } from './api';
import { localName } from './opportunityLabels';

interface Values {
  name: string;
  nameZh: string;
  isDefault: boolean;
  stages: (Omit<StageInput, 'nameZh'> & { nameZh: string })[];
  /** Removed stage id → stage its deals move to. */
  reassign: Record<string, string | undefined>;
}

const NEW_STAGES: Values['stages'] = [
  { name: 'New', nameZh: '新建', probability: 10, kind: 'open' },
  { name: 'Won', nameZh: '赢单', probability: 100, kind: 'won' },
  { name: 'Lost', nameZh: '输单', probability: 0, kind: 'lost' },
];

/** Settings tab: pipelines and their stages (order, probability, kind); stages move up and down. */
export function PipelinesSettings() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const pipelines = usePipelines();
  const remove = useDeletePipeline();
  const [editing, setEditing] = useState<Pipeline | 'new' | null>(null);
  if (pipelines.isError) return <QueryError error={pipelines.error} onRetry={() => pipelines.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('pipelines.description')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('pipelines.create')}
        </Button>
      </Flex>
      <Table<Pipeline>
        rowKey="id"
        loading={pipelines.isPending}
        dataSource={pipelines.data ?? []}
        pagination={false}
        columns={[
          {
            title: t('pipelines.name'),
            key: 'name',
            render: (_, p) => (
              <>
                {localName(p, i18n.language)}
                {p.isDefault && (
                  <Tag color="blue" style={{ marginInlineStart: 8 }}>
                    {t('pipelines.default')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('pipelines.stages'),
            key: 'stages',
            render: (_, p) => (
              <Flex wrap gap={4}>
                {p.stages.map((s) => (
                  <Tag key={s.id} color={s.kind === 'won' ? 'success' : s.kind === 'lost' ? 'default' : 'processing'}>
                    {localName(s, i18n.language)} {s.probability}%
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_, p) => (
              <Space size={0}>
                <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(p)} />
                {!p.isDefault && (
                  <Popconfirm
                    title={t('pipelines.deleteConfirm', { name: localName(p, i18n.language) })}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove.mutate(p.id, { onSuccess: () => void message.success(t('pipelines.deleted')), onError: (err) => showError(err) })}
                  >
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <PipelineDrawer pipeline={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}

function PipelineDrawer({ pipeline, onClose }: { pipeline: Pipeline | 'new' | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useSavePipeline();
  const [form] = Form.useForm<Values>();
  const [inUse, setInUse] = useState<Record<string, string> | null>(null);
  const existing = pipeline && pipeline !== 'new' ? pipeline : undefined;
  const stages = Form.useWatch('stages', form) ?? [];
  const keptIds = new Set(stages.map((s) => s?.id).filter(Boolean));
  const removed = existing?.stages.filter((s) => !keptIds.has(s.id)) ?? [];

  useEffect(() => {
    if (!pipeline) return;
    setInUse(null);
    form.setFieldsValue(
      existing
        ? {
            name: existing.name,
            nameZh: existing.nameZh ?? '',
            isDefault: existing.isDefault,
            stages: existing.stages.map((s) => ({ id: s.id, name: s.name, nameZh: s.nameZh ?? '', probability: s.probability, kind: s.kind })),
            reassign: {},
          }
        : { name: '', nameZh: '', isDefault: false, stages: NEW_STAGES, reassign: {} },
    );
  }, [pipeline, existing, form]);

  const submit = async (v: Values) => {
    const body = {
      name: v.name.trim(),
      nameZh: v.nameZh?.trim() || null,
      isDefault: v.isDefault || undefined,
      stages: v.stages.map((s) => ({
        ...(s.id && { id: s.id }),
        name: s.name.trim(),
        nameZh: s.nameZh?.trim() || null,
        probability: s.probability,
        kind: s.kind,
      })),
    };
    const reassign = Object.fromEntries(Object.entries(v.reassign ?? {}).filter((e): e is [string, string] => !!e[1] && removed.some((r) => r.id === e[0])));
    try {
      if (existing) await save.mutateAsync({ id: existing.id, version: existing.version, ...body, reassign });
      else await save.mutateAsync(body);
      void message.success(t('common.saved'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stage_in_use') setInUse(err.fields ?? {});
      showError(err, form);
    }
  };

  return (
    <Drawer
      open={!!pipeline}
      onClose={onClose}
      size={720}
      title={existing ? t('pipelines.edit') : t('pipelines.create')}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Flex gap={12}>
          <Form.Item
            name="name"
            label={t('pipelines.name')}
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="nameZh" label={t('pipelines.nameZh')} style={{ flex: 1 }}>
            <Input maxLength={80} />
          </Form.Item>
        </Flex>
        <Form.Item name="isDefault" valuePropName="checked">
          <Checkbox disabled={existing?.isDefault}>{t('pipelines.makeDefault')}</Checkbox>
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('pipelines.stagesHint')}</Typography.Paragraph>
        <Form.List name="stages">
          {(fields, { add, remove, move }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Space.Compact>
                    <Button icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('pipelines.moveUp')} onClick={() => move(i, i - 1)} />
                    <Button
                      icon={<ArrowDownOutlined />}
                      disabled={i === fields.length - 1}
                      aria-label={t('pipelines.moveDown')}
                      onClick={() => move(i, i + 1)}
                    />
                  </Space.Compact>
                  <Form.Item
                    name={[field.name, 'name']}
                    style={{ flex: 2, margin: 0 }}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                  >
                    <Input placeholder={t('pipelines.stageName')} maxLength={80} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'nameZh']} style={{ flex: 2, margin: 0 }}>
                    <Input placeholder={t('pipelines.stageNameZh')} maxLength={80} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'probability']}
                    style={{ width: 96, margin: 0 }}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <InputNumber min={0} max={100} precision={0} suffix="%" aria-label={t('opportunities.fields.probability')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} style={{ width: 110, margin: 0 }}>
                    <Select options={STAGE_KINDS.map((k) => ({ value: k, label: t(`pipelines.kinds.${k}`) }))} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('common.delete')}
                    disabled={fields.length <= 3}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', nameZh: '', probability: 50, kind: 'open' }, Math.max(fields.length - 2, 0))}>
                {t('pipelines.addStage')}
              </Button>
            </Flex>
          )}
        </Form.List>
        {removed.length > 0 && (
          <Flex vertical gap={8} style={{ marginTop: 16 }}>
            <Alert type={inUse ? 'error' : 'info'} showIcon message={t('pipelines.reassignHint')} />
            {removed.map((s) => (
              <Form.Item key={s.id} name={['reassign', s.id]} label={t('pipelines.moveDealsOf', { stage: localName(s, i18n.language) })} style={{ margin: 0 }}>
                <Select
                  allowClear
                  options={stages
                    .filter((k) => k?.id && k.kind === s.kind)
                    .map((k) => ({ value: k.id as string, label: localName({ name: k.name, nameZh: k.nameZh || null }, i18n.language) }))}
                />
              </Form.Item>
            ))}
          </Flex>
        )}
      </Form>
    </Drawer>
  );
}
