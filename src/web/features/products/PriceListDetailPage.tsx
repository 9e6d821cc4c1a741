import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, Popconfirm, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Currency } from '../../../shared/money';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useModuleError } from '../quotes/moduleError';
import { useDeletePriceList, usePriceList, useSavePriceList } from './api';
import { AMOUNT, PriceListFields } from './PriceListForm';
import { ProductSelect } from './ProductSelect';

interface Values {
  name: string;
  currency: Currency;
  taxRate: string;
  isDefault: boolean;
  active: boolean;
  items: { productId: string | null; unitPrice: string }[];
}

/** One price list: its header and the price of each product, saved together. */
export function PriceListDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useModuleError('products');
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const list = usePriceList(id);
  const save = useSavePriceList();
  const remove = useDeletePriceList();
  const [form] = Form.useForm<Values>();
  const editable = can(permissions, 'products', 'update');

  useEffect(() => {
    const l = list.data;
    if (!l) return;
    form.setFieldsValue({
      name: l.name,
      currency: l.currency,
      taxRate: l.taxRate,
      isDefault: l.isDefault,
      active: l.active,
      items: (l.items ?? []).map((i) => ({ productId: i.productId, unitPrice: i.unitPrice })),
    });
  }, [list.data, form]);

  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  if (!list.data) return <Spin />;
  const l = list.data;

  const submit = async (v: Values) => {
    try {
      await save.mutateAsync({
        id: l.id,
        version: l.version,
        name: v.name,
        currency: v.currency,
        taxRate: v.taxRate,
        isDefault: v.isDefault,
        active: v.active,
        items: (v.items ?? []).filter((i) => i.productId).map((i) => ({ productId: i.productId as string, unitPrice: i.unitPrice.trim() })),
      });
      void message.success(t('products.priceLists.saved'));
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <>
      <PageHeader
        title={l.name}
        description={t('products.priceLists.detailDescription')}
        extra={
          <>
            {can(permissions, 'products', 'delete') && (
              <Popconfirm
                title={t('products.priceLists.deleteConfirm', { name: l.name })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(l.id).then(
                    () => {
                      void message.success(t('products.priceLists.deleted'));
                      navigate('/price-lists');
                    },
                    (err) => showError(err),
                  )
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
            {editable && (
              <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="price-list-save">
                {t('common.save')}
              </Button>
            )}
          </>
        }
      />
      <Form form={form} layout="vertical" onFinish={submit} disabled={!editable}>
        <Card style={{ marginBottom: 16 }}>
          <PriceListFields />
        </Card>
        <Card title={t('products.priceLists.itemsTitle')}>
          <Form.List name="items">
            {(fields, { add, remove: removeRow }) => (
              <Flex vertical gap={0}>
                {fields.length === 0 && <Empty description={t('products.priceLists.noItems')} />}
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="flex-start">
                    <Form.Item name={[f.name, 'productId']} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1, minWidth: 0 }}>
                      <ProductSelect />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'unitPrice']}
                      rules={[
                        { required: true, message: t('validation.required') },
                        { pattern: AMOUNT, message: t('quotes.amountFormat') },
                      ]}
                      style={{ width: 200 }}
                    >
                      <Input prefix={l.currency} inputMode="decimal" placeholder={t('products.priceLists.fields.unitPrice')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.delete')} onClick={() => removeRow(f.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ productId: null, unitPrice: '' })} style={{ marginTop: 8 }}>
                  {t('products.priceLists.addItem')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
      </Form>
    </>
  );
}
