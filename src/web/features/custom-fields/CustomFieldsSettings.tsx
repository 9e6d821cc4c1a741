import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Segmented, Space, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_ENTITIES, type CustomField, type CustomFieldEntity, type FieldGroup } from '../../../shared/schemas/custom-fields';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/useShowError';
import { useCustomFieldCatalog, useDeleteCustomField, useDeleteFieldGroup, useReorder } from './api';
import { CustomFieldModal } from './CustomFieldModal';
import { FieldGroupModal } from './FieldGroupModal';
import { fieldLabel } from './fieldLabel';

type Positioned = { id: string; version: number; position: number };

/**
 * The order after moving `item` one place up or down among `neighbours` (its group), as position
 * changes over the whole list: positions are renumbered 0, 1, 2… so equal or sparse ones sort out too.
 */
function moves<T extends Positioned>(all: T[], neighbours: T[], item: T, step: -1 | 1): { id: string; version: number; position: number }[] {
  const other = neighbours[neighbours.indexOf(item) + step];
  if (!other) return [];
  const order = [...all];
  const a = order.indexOf(item);
  const b = order.indexOf(other);
  [order[a], order[b]] = [order[b], order[a]];
  return order.map((x, position) => ({ id: x.id, version: x.version, position })).filter((x, i) => order[i].position !== x.position);
}

/** Settings tab: the groups and custom fields of organizations and contacts. */
export function CustomFieldsSettings() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [entity, setEntity] = useState<CustomFieldEntity>('organizations');
  const [fieldModal, setFieldModal] = useState<CustomField | 'new' | null>(null);
  const [groupModal, setGroupModal] = useState<FieldGroup | 'new' | null>(null);
  const catalog = useCustomFieldCatalog(entity);
  const removeField = useDeleteCustomField();
  const removeGroup = useDeleteFieldGroup();
  const reorder = useReorder();

  if (catalog.isPending) return <PageLoading />;
  if (catalog.isError) return <QueryError error={catalog.error} onRetry={() => catalog.refetch()} />;
  const { groups, fields } = catalog.data;
  const label = (l: FieldGroup['label']) => fieldLabel(l, i18n.language);
  const move = (kind: 'field' | 'group', changes: { id: string; version: number; position: number }[]) =>
    changes.length > 0 &&
    reorder.mutate(
      changes.map((c) => ({ kind, ...c })),
      { onError: (err) => showError(err) },
    );
  const deleted = () => void message.success(t('customFields.deleted'));

  const sections = [
    ...groups.map((g) => ({ key: g.id, group: g as FieldGroup | null, fields: fields.filter((f) => f.groupId === g.id) })),
    { key: 'other', group: null, fields: fields.filter((f) => !f.groupId) },
  ];

  const columns = (sectionFields: CustomField[]): TableProps<CustomField>['columns'] => [
    {
      title: t('customFields.label'),
      key: 'label',
      render: (_, f) => (
        <Flex vertical>
          <span>{label(f.label)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i18n.language.startsWith('zh') ? f.label.en : f.label['zh-CN']}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('customFields.key'), dataIndex: 'key', key: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
    { title: t('customFields.type'), dataIndex: 'type', key: 'type', render: (x: string) => t(`customFields.types.${x}`) },
    {
      title: t('customFields.flags'),
      key: 'flags',
      render: (_, f) => (
        <>
          {f.required && <Tag color="red">{t('customFields.required')}</Tag>}
          {f.showInList && <Tag>{t('customFields.showInList')}</Tag>}
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_, f) => (
        <Space size={0}>
          <Tooltip title={t('customFields.moveUp')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t('customFields.moveUp')}
              onClick={() => move('field', moves(fields, sectionFields, f, -1))}
            />
          </Tooltip>
          <Tooltip title={t('customFields.moveDown')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t('customFields.moveDown')}
              onClick={() => move('field', moves(fields, sectionFields, f, 1))}
            />
          </Tooltip>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setFieldModal(f)} />
          <Popconfirm
            title={t('customFields.deleteFieldConfirm', { name: label(f.label) })}
            description={t('customFields.deleteFieldHint')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => removeField.mutate(f.id, { onSuccess: deleted, onError: (err) => showError(err) })}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('customFields.description')}</Typography.Paragraph>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 16 }}>
        <Segmented<CustomFieldEntity>
          aria-label={t('customFields.recordType')}
          value={entity}
          onChange={setEntity}
          options={CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: t(`customFields.entities.${e}`) }))}
        />
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setGroupModal('new')}>
            {t('customFields.addGroup')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFieldModal('new')}>
            {t('customFields.addField')}
          </Button>
        </Space>
      </Flex>
      {fields.length === 0 && groups.length === 0 ? (
        <Empty description={t('customFields.empty')} />
      ) : (
        <Flex vertical gap={16}>
          {sections.map(({ key, group, fields: sectionFields }) =>
            !group && sectionFields.length === 0 ? null : (
              <Card
                key={key}
                size="small"
                title={group ? label(group.label) : t('customFields.other')}
                extra={
                  group && (
                    <Space size={0}>
                      <Tooltip title={t('customFields.moveUp')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowUpOutlined />}
                          aria-label={t('customFields.moveUp')}
                          onClick={() => move('group', moves(groups, groups, group, -1))}
                        />
                      </Tooltip>
                      <Tooltip title={t('customFields.moveDown')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowDownOutlined />}
                          aria-label={t('customFields.moveDown')}
                          onClick={() => move('group', moves(groups, groups, group, 1))}
                        />
                      </Tooltip>
                      <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('customFields.editGroup')} onClick={() => setGroupModal(group)} />
                      <Popconfirm
                        title={t('customFields.deleteGroupConfirm', { name: label(group.label) })}
                        description={t('customFields.deleteGroupHint')}
                        okText={t('common.delete')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => removeGroup.mutate(group.id, { onSuccess: deleted, onError: (err) => showError(err) })}
                      >
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('customFields.deleteGroup')} />
                      </Popconfirm>
                    </Space>
                  )
                }
              >
                <Table<CustomField>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={sectionFields}
                  columns={columns(sectionFields)}
                  locale={{ emptyText: t('customFields.noFields') }}
                />
              </Card>
            ),
          )}
        </Flex>
      )}
      {fieldModal && <CustomFieldModal entity={entity} field={fieldModal === 'new' ? null : fieldModal} groups={groups} onClose={() => setFieldModal(null)} />}
      {groupModal && <FieldGroupModal entity={entity} group={groupModal === 'new' ? null : groupModal} onClose={() => setGroupModal(null)} />}
    </>
  );
}
