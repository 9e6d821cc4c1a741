import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CURRENCIES } from '../../../shared/money';

export const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
export const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** The header fields of a price list (inside a parent Form). */
export function PriceListFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} md={10}>
        <Form.Item name="name" label={t('products.priceLists.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} data-testid="price-list-name" />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item name="currency" label={t('products.priceLists.fields.currency')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item
          name="taxRate"
          label={t('products.priceLists.fields.taxRate')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: PERCENT, message: t('quotes.percentFormat') },
          ]}
        >
          <Input suffix="%" inputMode="decimal" data-testid="price-list-tax" />
        </Form.Item>
      </Col>
      <Col xs={12} md={3}>
        <Form.Item name="isDefault" label={t('products.priceLists.fields.isDefault')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={12} md={3}>
        <Form.Item name="active" label={t('products.fields.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
    </Row>
  );
}
