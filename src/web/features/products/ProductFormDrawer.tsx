import { App, Button, Drawer, Flex, Form, Input, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product, ProductCreate } from '../../../shared/schemas/products';
import { useModuleError } from '../quotes/moduleError';
import { useSaveProduct } from './api';

type Values = Required<Omit<ProductCreate, 'category' | 'description'>> & { category: string; description: string };

/** Creates or edits a product; the SKU must be unique among live products (the server says so on the field). */
export function ProductFormDrawer({ open, product, onClose }: { open: boolean; product?: Product; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useModuleError('products');
  const [form] = Form.useForm<Values>();
  const save = useSaveProduct();
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      product
        ? {
            sku: product.sku,
            name: product.name,
            unit: product.unit,
            category: product.category ?? '',
            description: product.description ?? '',
            active: product.active,
          }
        : { sku: '', name: '', unit: '', category: '', description: '', active: true },
    );
  }, [open, product, form]);

  const submit = async (v: Values) => {
    const body = { ...v, category: v.category.trim() || null, description: v.description.trim() || null };
    try {
      await save.mutateAsync(product ? { id: product.id, version: product.version, ...body } : body);
      void message.success(t(product ? 'products.saved' : 'products.created'));
      onClose();
    } catch (err) {
      showError(err, form);
    }
  };
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={product ? t('products.edit') : t('products.create')}
      size={480}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="product-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="sku"
          label={t('products.fields.sku')}
          rules={[required, { pattern: /^[\p{L}\p{N}._\-/]+$/u, message: t('products.skuFormat') }]}
          extra={t('products.skuHelp')}
        >
          <Input maxLength={64} data-testid="product-sku" />
        </Form.Item>
        <Form.Item name="name" label={t('products.fields.name')} rules={[required]}>
          <Input maxLength={200} data-testid="product-name" />
        </Form.Item>
        <Form.Item name="unit" label={t('products.fields.unit')} rules={[required]} extra={t('products.unitHelp')}>
          <Input maxLength={20} data-testid="product-unit" />
        </Form.Item>
        <Form.Item name="category" label={t('products.fields.category')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('products.fields.description')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="active" label={t('products.fields.active')} valuePropName="checked" extra={t('products.activeHelp')}>
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
