import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField, CustomFieldEntity } from '../../../shared/schemas/custom-fields';
import { FormSection } from '../customers/FormSection';
import { UserSelect } from '../users/UserSelect';
import { useCustomFieldCatalog } from './api';
import { fieldLabel } from './fieldLabel';
import { fieldSections, isWide } from './fieldSections';

/** A DatePicker whose value is the API's "YYYY-MM-DD" string, so form values need no conversion. */
function DateStringInput({ value, onChange, id }: { value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  return <DatePicker id={id} style={{ width: '100%' }} value={value ? dayjs(value) : null} onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)} />;
}

function isHttpUrl(v: string): boolean {
  try {
    const url = new URL(v.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The control for a field's type; Form.Item hands it id, value and onChange, which go on to the control. */
function FieldInput({ field, ...control }: { field: CustomField; id?: string; value?: any; onChange?: (v: any) => void; checked?: boolean }) {
  const { i18n } = useTranslation();
  const options = field.options.map((o) => ({ value: o.value, label: fieldLabel(o.label, i18n.language) }));
  switch (field.type) {
    case 'longText':
      return <Input.TextArea {...control} rows={3} maxLength={10_000} />;
    case 'number':
      return <InputNumber {...control} style={{ width: '100%' }} />;
    case 'money':
      return <InputNumber {...control} style={{ width: '100%' }} precision={2} step={0.01} />;
    case 'date':
      return <DateStringInput {...control} />;
    case 'select':
      return <Select {...control} allowClear options={options} />;
    case 'multiSelect':
      return <Select {...control} mode="multiple" allowClear options={options} />;
    case 'boolean':
      return <Switch {...control} />;
    case 'url':
      return <Input {...control} autoComplete="off" inputMode="url" maxLength={800} placeholder="https://" />;
    case 'user':
      return <UserSelect {...control} />;
    default:
      return <Input {...control} autoComplete="off" maxLength={500} />;
  }
}

/** One custom field as a form item named ['custom', key]: server errors "custom.<key>" land on it. */
function CustomFieldItem({ field, creating }: { field: CustomField; creating: boolean }) {
  const { t, i18n } = useTranslation();
  const rules: Rule[] = [];
  // Only text gets `whitespace`: any key beside `required` makes the validator treat the value as a string.
  const text = field.type === 'text' || field.type === 'longText' || field.type === 'url';
  if (field.required) rules.push({ required: true, ...(text && { whitespace: true }), message: t('validation.required') });
  if (field.type === 'url') {
    rules.push({
      validator: (_, v: string | null) => (!v?.trim() || isHttpUrl(v) ? Promise.resolve() : Promise.reject(new Error(t('customFields.urlInvalid')))),
    });
  }
  return (
    <Form.Item
      label={fieldLabel(field.label, i18n.language)}
      name={['custom', field.key]}
      rules={rules}
      {...(field.type === 'boolean' && { valuePropName: 'checked' })}
      // A new record's switches start off (false), and so does an unanswered required one: it needs an answer.
      {...(field.type === 'boolean' && (creating || field.required) && { initialValue: false })}
    >
      <FieldInput field={field} />
    </Form.Item>
  );
}

/** The custom fields of a record type as form inputs, one section per group in form order. */
export function CustomFieldInputs({ entity, creating }: { entity: CustomFieldEntity; creating: boolean }) {
  const { t, i18n } = useTranslation();
  const catalog = useCustomFieldCatalog(entity);
  return (
    <>
      {fieldSections(catalog.data, i18n.language, t('customFields.other')).map((section) => (
        <Fragment key={section.key}>
          <FormSection title={section.title} />
          <Row gutter={12}>
            {section.fields.map((f) => (
              <Col key={f.id} xs={24} sm={isWide(f) ? 24 : 12}>
                <CustomFieldItem field={f} creating={creating} />
              </Col>
            ))}
          </Row>
        </Fragment>
      ))}
    </>
  );
}
