import { Col, Form, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../regions/CountrySelect';
import { RegionCascader } from '../regions/RegionCascader';

const DIVISIONS = ['province', 'city', 'district'] as const;

/**
 * Country and the cascading province / city / district picker of a customer form. The form keeps
 * the four API fields (so server errors land on them); the picker writes the three division codes.
 * Other countries have no divisions: their province and city belong in the street address.
 */
export function RegionFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const country = Form.useWatch('country', form) as string | null | undefined;
  const foreign = !!country && country !== 'CN';
  return (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item label={t('regions.country')} name="country">
          <CountrySelect
            onChange={(code) => {
              if (code && code !== 'CN') form.setFieldsValue({ province: null, city: null, district: null });
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={16}>
        {DIVISIONS.map((f) => (
          <Form.Item key={f} name={f} hidden noStyle />
        ))}
        <Form.Item noStyle shouldUpdate>
          {() => {
            const errors = DIVISIONS.flatMap((f) => form.getFieldError(f));
            const path = DIVISIONS.map((f) => form.getFieldValue(f) as string | null).filter((v): v is string => !!v);
            return (
              <Form.Item
                label={t('customers.region')}
                htmlFor="region-picker"
                validateStatus={errors.length > 0 ? 'error' : undefined}
                help={errors[0]}
                extra={foreign ? t('regions.foreignHint') : undefined}
              >
                <RegionCascader
                  id="region-picker"
                  aria-label={t('customers.region')}
                  disabled={foreign}
                  status={errors.length > 0 ? 'error' : undefined}
                  value={path}
                  onChange={(codes) => {
                    form.setFields(DIVISIONS.map((f, i) => ({ name: f, value: codes[i] ?? null, errors: [] })));
                    if (codes.length > 0 && !form.getFieldValue('country')) form.setFieldValue('country', 'CN');
                  }}
                />
              </Form.Item>
            );
          }}
        </Form.Item>
      </Col>
    </Row>
  );
}
