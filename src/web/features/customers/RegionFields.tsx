import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';

interface Region {
  province: string | null;
  city: string | null;
  district: string | null;
}

/**
 * Province, city and district in a form, as plain text for now. The cascading region picker replaces
 * this one component (and regionText below); forms only know the three field names.
 */
export function RegionFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item label={t('customers.province')} name="province">
          <Input maxLength={12} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label={t('customers.city')} name="city">
          <Input maxLength={12} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label={t('customers.district')} name="district">
          <Input maxLength={12} autoComplete="off" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** A province as shown in lists; the region picker will turn division codes into names here. */
export function provinceText(province: string | null): string {
  return province ?? '';
}

/** "广东省 深圳市 南山区" from whichever parts are set. */
export function regionText(r: Region): string {
  return [r.province, r.city, r.district].filter(Boolean).join(' ');
}
