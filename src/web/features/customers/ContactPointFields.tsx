import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface ListProps {
  name: 'phones' | 'emails';
  label: string;
  valueField: 'number' | 'address';
  valueLabel: string;
  addLabel: string;
  email?: boolean;
}

/** Several labelled phone numbers or e-mail addresses; server errors such as "phones.0.number" land on the row's input. */
function ContactPointList({ name, label, valueField, valueLabel, addLabel, email }: ListProps) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map(({ key, name: index }) => (
              <Flex key={key} gap={8} align="flex-start">
                <Form.Item name={[index, 'label']} style={{ width: 120, flex: 'none' }}>
                  <Input placeholder={t('customers.pointLabel')} aria-label={`${label} ${index + 1}: ${t('customers.pointLabel')}`} maxLength={40} />
                </Form.Item>
                <Form.Item
                  name={[index, valueField]}
                  style={{ flex: 1 }}
                  rules={[
                    { required: true, whitespace: true, message: t('validation.required') },
                    ...(email ? [{ type: 'email' as const, message: t('validation.email') }] : [{ min: 3, message: t('validation.phone') }]),
                  ]}
                >
                  <Input
                    placeholder={valueLabel}
                    aria-label={`${label} ${index + 1}: ${valueLabel}`}
                    inputMode={email ? 'email' : 'tel'}
                    maxLength={email ? 254 : 40}
                    autoComplete="off"
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('customers.removeRow', { label, n: index + 1 })}
                  title={t('common.delete')}
                  onClick={() => remove(index)}
                />
              </Flex>
            ))}
            {fields.length === 0 && (
              <Typography.Text type="secondary" style={{ marginBottom: 8 }}>
                {t('common.none')}
              </Typography.Text>
            )}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', [valueField]: '' })} style={{ alignSelf: 'flex-start' }}>
              {addLabel}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

export function PhoneListField() {
  const { t } = useTranslation();
  return (
    <ContactPointList
      name="phones"
      label={t('customers.phones')}
      valueField="number"
      valueLabel={t('customers.phoneNumber')}
      addLabel={t('customers.addPhone')}
    />
  );
}

export function EmailListField() {
  const { t } = useTranslation();
  return (
    <ContactPointList
      name="emails"
      label={t('customers.emails')}
      valueField="address"
      valueLabel={t('customers.emailAddress')}
      addLabel={t('customers.addEmail')}
      email
    />
  );
}

/** Phones or e-mails on a detail page: "label: value" per line, mail addresses as links. */
export function ContactPointsText({ items }: { items: { label?: string; value: string; href?: string }[] }) {
  if (items.length === 0) return <>—</>;
  return (
    <Flex vertical gap={2}>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list has no ids and is only displayed
        <span key={i}>
          {item.label ? <Typography.Text type="secondary">{item.label}: </Typography.Text> : null}
          {item.href ? <a href={item.href}>{item.value}</a> : item.value}
        </span>
      ))}
    </Flex>
  );
}
