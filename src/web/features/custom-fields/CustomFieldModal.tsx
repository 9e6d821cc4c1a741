import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_TYPES, type CustomField, type CustomFieldEntity, type CustomFieldType, type FieldGroup } from '../../../shared/schemas/custom-fields';
import { ApiError } from '../../lib/api';
import { useShowError } from '../../lib/useShowError';
import { useCreateCustomField, useUpdateCustomField } from './api';
import { FIELD_KEY, suggestKey } from './fieldKey';
import { fieldLabel } from './fieldLabel';

interface OptionRow {
  value: string;
  en: string;
  zh: string;
}

interface Values {
  labelEn: string;
  labelZh: string;
  key: string;
  type: CustomFieldType;
  options: OptionRow[];
  required: boolean;
  groupId: string | null;
  showInList: boolean;
}

const hasOptions = (type: CustomFieldType | undefined) => type === 'select' || type === 'multiSelect';

const valuesOf = (f: CustomField): Values => ({
  labelEn: f.label.en,
  labelZh: f.label['zh-CN'],
  key: f.key,
  type: f.type,
  options: f.options.map((o) => ({ value: o.value, en: o.label.en, zh: o.label['zh-CN'] })),
  required: f.required,
  groupId: f.groupId,
  showInList: f.showInList,
});

/** Options as the API wants them; a new option without a value gets one from its label. */
function optionsOf(rows: OptionRow[] | undefined) {
  return (rows ?? []).map((o, i) => ({
    value: o.value?.trim() || suggestKey(o.en ?? '') || `option_${i + 1}`,
    label: { en: o.en?.trim() ?? '', 'zh-CN': o.zh?.trim() ?? '' },
  }));
}

interface Props {
  entity: CustomFieldEntity;
  /** null adds a new field. */
  field: CustomField | null;
  groups: FieldGroup[];
  onClose: () => void;
}

/** Adds or edits one custom field: labels, key (suggested from the English label), type, options, group and flags. */
export function CustomFieldModal({ entity, field, groups, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [keyTouched, setKeyTouched] = useState(false);
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const type = Form.useWatch('type', form);
  const existingOptions = new Set(field?.options.map((o) => o.value) ?? []);

  const onError = (err: unknown) => {
    if (err instanceof ApiError && (err.code === 'custom_field_key_taken' || err.code === 'custom_field_key_reserved')) {
      form.setFields([{ name: 'key', errors: [t(err.code === 'custom_field_key_taken' ? 'customFields.keyTaken' : 'customFields.keyReserved')] }]);
      return;
    }
    showError(err, form);
  };

  const onFinish = (v: Values) => {
    const common = {
      label: { en: v.labelEn?.trim() ?? '', 'zh-CN': v.labelZh?.trim() ?? '' },
      options: hasOptions(v.type) ? optionsOf(v.options) : [],
      required: !!v.required,
      groupId: v.groupId ?? null,
      showInList: !!v.showInList,
    };
    const done = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    if (field) update.mutate({ id: field.id, version: field.version, ...common }, { onSuccess: done, onError });
    else create.mutate({ entity, key: v.key, type: v.type, ...common }, { onSuccess: done, onError });
  };

  const oneLabel = {
    validator: () =>
      form.getFieldValue('labelEn')?.trim() || form.getFieldValue('labelZh')?.trim()
        ? Promise.resolve()
        : Promise.reject(new Error(t('customFields.labelRequired'))),
  };

  return (
    <Modal
      open
      title={field ? t('customFields.editField') : t('customFields.newField')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={field ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="customField"
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          field ? valuesOf(field) : { labelEn: '', labelZh: '', key: '', type: 'text', options: [], required: false, groupId: null, showInList: false }
        }
        onValuesChange={(changed: Partial<Values>) => {
          if (!field && !keyTouched && changed.labelEn !== undefined) form.setFieldValue('key', suggestKey(changed.labelEn));
          if (changed.labelEn !== undefined || changed.labelZh !== undefined) void form.validateFields(['labelEn']).catch(() => undefined);
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('customFields.labelEn')} name="labelEn" rules={[oneLabel]}>
              <Input autoComplete="off" maxLength={100} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('customFields.labelZh')} name="labelZh">
              <Input autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('customFields.key')}
              name="key"
              extra={t('customFields.keyHint')}
              rules={[
                { required: true, message: t('validation.required') },
                { pattern: FIELD_KEY, message: t('customFields.keyFormat') },
              ]}
            >
              <Input autoComplete="off" maxLength={40} disabled={!!field} style={{ fontFamily: 'monospace' }} onChange={() => setKeyTouched(true)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('customFields.type')} name="type" extra={field ? t('customFields.typeFixed') : undefined}>
              <Select disabled={!!field} options={CUSTOM_FIELD_TYPES.map((x) => ({ value: x, label: t(`customFields.types.${x}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        {hasOptions(type) && (
          <Form.List
            name="options"
            rules={[
              {
                validator: async (_, rows: OptionRow[] | undefined) => {
                  if (!rows || rows.length === 0) throw new Error(t('customFields.optionsRequired'));
                  const values = optionsOf(rows).map((o) => o.value);
                  if (new Set(values).size !== values.length) throw new Error(t('customFields.optionValuesUnique'));
                },
              },
            ]}
          >
            {(rows, { add, remove }, { errors }) => (
              <>
                <Typography.Text strong>{t('customFields.options')}</Typography.Text>
                {rows.map((row) => {
                  const stored = form.getFieldValue(['options', row.name, 'value']) as string | undefined;
                  const locked = !!stored && existingOptions.has(stored);
                  return (
                    <Row key={row.key} gutter={8} align="top" style={{ marginTop: 8 }}>
                      <Col span={7}>
                        <Form.Item name={[row.name, 'en']} style={{ marginBottom: 0 }}>
                          <Input placeholder={t('customFields.labelEn')} maxLength={100} />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item name={[row.name, 'zh']} style={{ marginBottom: 0 }}>
                          <Input placeholder={t('customFields.labelZh')} maxLength={100} />
                        </Form.Item>
                      </Col>
                      <Col span={8}>
                        <Form.Item
                          name={[row.name, 'value']}
                          style={{ marginBottom: 0 }}
                          rules={[{ pattern: /^\S.{0,59}$/, message: t('customFields.optionValueFormat') }]}
                        >
                          <Input placeholder={t('customFields.optionValue')} disabled={locked} maxLength={60} style={{ fontFamily: 'monospace' }} />
                        </Form.Item>
                      </Col>
                      <Col span={2}>
                        <Button type="text" aria-label={t('common.delete')} icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} />
                      </Col>
                    </Row>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '', en: '', zh: '' })} style={{ margin: '8px 0' }}>
                  {t('customFields.addOption')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        )}
        <Form.Item label={t('customFields.group')} name="groupId" style={{ marginTop: 8 }}>
          <Select allowClear placeholder={t('customFields.other')} options={groups.map((g) => ({ value: g.id, label: fieldLabel(g.label, i18n.language) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label={t('customFields.required')} name="required" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('customFields.showInList')} name="showInList" valuePropName="checked" extra={t('customFields.showInListHint')}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
