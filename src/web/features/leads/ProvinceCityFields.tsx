import { useQuery } from '@tanstack/react-query';
import { Col, Form, type FormInstance, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { childrenQuery, localName } from '../regions/api';

/** Province, then a city within it (GB/T 2260 codes), for a form with `provinceCode` and `cityCode`. */
export function ProvinceCityFields({ form }: { form: FormInstance }) {
  const { t, i18n } = useTranslation();
  const province = Form.useWatch('provinceCode', form) as string | null | undefined;
  const provinces = useQuery(childrenQuery(null));
  const cities = useQuery({ ...childrenQuery(province ?? null), enabled: !!province });
  const options = (list: { code: string; name: { zh: string; en: string } }[] | undefined) =>
    (list ?? []).map((r) => ({ value: r.code, label: localName(r.name, i18n.language) }));
  return (
    <>
      <Col xs={24} sm={12}>
        <Form.Item name="provinceCode" label={t('leads.province')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={options(provinces.data)}
            loading={provinces.isPending}
            onChange={() => form.setFieldValue('cityCode', null)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="cityCode" label={t('leads.city')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} disabled={!province} options={province ? options(cities.data) : []} />
        </Form.Item>
      </Col>
    </>
  );
}
