import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Descriptions, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, type Currency, formatMinor, toMinor } from '../../../shared/money';
import { computeQuoteTotals } from '../../../shared/quote-totals';
import type { Quote, QuoteCreate, QuoteLineInput } from '../../../shared/schemas/quotes';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { usePriceList, usePriceLists } from '../products/api';
import { AMOUNT, PERCENT } from '../products/PriceListForm';
import { ProductSelect } from '../products/ProductSelect';
import { ContactSelect } from '../tasks/ContactSelect';
import { useSaveQuote } from './api';
import { useModuleError } from './moduleError';

const QUANTITY = /^\d{1,9}(\.\d{1,4})?$/;

interface LineValues {
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

interface Values {
  organizationId: string | null;
  contactId: string | null;
  priceListId: string | null;
  currency: Currency;
  discountPercent: string;
  validUntil: Dayjs | null;
  title: string;
  notes: string;
  lines: LineValues[];
}

export interface QuoteDefaults {
  organizationId?: string;
  contactId?: string;
  opportunityId?: string;
}

const blankLine = (): LineValues => ({ productId: null, description: '', quantity: '1', unitPrice: '', discountPercent: '', taxRate: '' });

function valuesOf(q: Quote): Values {
  return {
    organizationId: q.organizationId,
    contactId: q.contactId,
    priceListId: q.priceListId,
    currency: q.currency,
    discountPercent: q.discountPercent === '0' ? '' : q.discountPercent,
    validUntil: q.validUntil ? dayjs(q.validUntil) : null,
    title: q.title ?? '',
    notes: q.notes ?? '',
    lines: (q.lines ?? []).map((l) => ({
      productId: l.productId,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent === '0' ? '' : l.discountPercent,
      taxRate: l.taxRate,
    })),
  };
}

const ok = (v: string | undefined, re: RegExp) => !!v && re.test(v.trim());

/**
 * Creates or edits a draft quote. The totals shown while typing are a preview with the server's own
 * arithmetic (shared/quote-totals.ts); the server recomputes them on save and its figures are stored.
 */
export function QuoteFormDrawer({
  open,
  quote,
  defaults,
  onClose,
  onSaved,
}: {
  open: boolean;
  quote?: Quote;
  defaults?: QuoteDefaults;
  onClose: () => void;
  onSaved?: (saved: Quote) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useModuleError('quotes');
  const [form] = Form.useForm<Values>();
  const save = useSaveQuote();
  const lists = usePriceLists({ active: true, sort: 'name' }, { pageSize: 200 });
  const listOptions = useMemo(() => lists.data?.pages.flatMap((p) => p.items) ?? [], [lists.data]);
  const priceListId = Form.useWatch('priceListId', form);
  const priceList = usePriceList(priceListId ?? undefined);
  const watched = Form.useWatch([], form) as Values | undefined;

  useEffect(() => {
    if (!open) return;
    if (quote) {
      form.setFieldsValue(valuesOf(quote));
      return;
    }
    form.setFieldsValue({
      organizationId: defaults?.organizationId ?? null,
      contactId: defaults?.contactId ?? null,
      priceListId: null,
      currency: 'CNY',
      discountPercent: '',
      validUntil: dayjs().add(30, 'day'),
      title: '',
      notes: '',
      lines: [blankLine()],
    });
  }, [open, quote, defaults, form]);

  // A new quote starts from the default list (CNY first) once the lists have loaded, unless one was chosen.
  useEffect(() => {
    if (!open || quote || listOptions.length === 0) return;
    if (form.isFieldTouched('priceListId') || form.getFieldValue('priceListId')) return;
    const fallback = listOptions.find((l) => l.isDefault && l.currency === 'CNY') ?? listOptions.find((l) => l.isDefault);
    if (fallback) form.setFieldsValue({ priceListId: fallback.id, currency: fallback.currency });
  }, [open, quote, listOptions, form]);

  useEffect(() => {
    if (priceList.data) form.setFieldValue('currency', priceList.data.currency);
  }, [priceList.data, form]);

  const listPrice = (productId: string | null) => (productId ? priceList.data?.items?.find((i) => i.productId === productId)?.unitPrice : undefined);
  const defaultTax = priceList.data?.taxRate ?? '0';

  // Preview: lines whose numbers are complete, priced as the server would.
  // biome-ignore lint/correctness/useExhaustiveDependencies: listPrice reads priceList.data, which is listed.
  const preview = useMemo(() => {
    const lines = (watched?.lines ?? []).filter(Boolean);
    const priced = lines.map((l) => {
      const price = l.unitPrice?.trim() || listPrice(l.productId);
      if (!ok(l.quantity, QUANTITY) || !price || !AMOUNT.test(price)) return null;
      const discount = l.discountPercent?.trim() || '0';
      const tax = l.taxRate?.trim() || defaultTax;
      if (!PERCENT.test(discount) || !PERCENT.test(tax)) return null;
      return { quantity: l.quantity.trim(), unitPriceMinor: toMinor(price), discountPercent: discount, taxRate: tax };
    });
    const quoteDiscount = watched?.discountPercent?.trim() || '0';
    if (priced.length === 0 || priced.some((p) => p === null) || !PERCENT.test(quoteDiscount)) return null;
    return computeQuoteTotals(priced as NonNullable<(typeof priced)[number]>[], quoteDiscount);
  }, [watched, priceList.data, defaultTax]);

  const submit = async (v: Values) => {
    const lines: QuoteLineInput[] = v.lines.map((l) => ({
      productId: l.productId ?? null,
      ...(l.description.trim() && { description: l.description.trim() }),
      quantity: l.quantity.trim(),
      ...(l.unitPrice.trim() && { unitPrice: l.unitPrice.trim() }),
      ...(l.discountPercent.trim() && { discountPercent: l.discountPercent.trim() }),
      ...(l.taxRate.trim() && { taxRate: l.taxRate.trim() }),
    }));
    const body: QuoteCreate = {
      organizationId: v.organizationId as string,
      contactId: v.contactId ?? null,
      priceListId: v.priceListId ?? null,
      currency: v.currency,
      discountPercent: v.discountPercent.trim() || '0',
      validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null,
      title: v.title.trim() || null,
      notes: v.notes.trim() || null,
      lines,
      ...(!quote && defaults?.opportunityId && { opportunityId: defaults.opportunityId }),
    };
    try {
      const saved = quote ? await save.mutateAsync({ id: quote.id, version: quote.version, ...body }) : await save.mutateAsync(body);
      void message.success(t(quote ? 'quotes.saved' : 'quotes.created'));
      onSaved?.(saved);
      onClose();
    } catch (err) {
      showError(err, form);
    }
  };

  const currency = watched?.currency ?? 'CNY';
  const money = (minor: number) => formatMinor(minor, currency);
  const pattern = (re: RegExp, key: string) => ({ pattern: re, message: t(key) });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={quote ? t('quotes.edit', { number: `${quote.number} v${quote.revision}` }) : t('quotes.create')}
      size={1000}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="quote-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="organizationId" label={t('quotes.fields.organization')} rules={[{ required: true, message: t('validation.required') }]}>
              <OrganizationSelect data-testid="quote-organization" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactId" label={t('quotes.fields.contact')}>
              <ContactSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('quotes.fields.title')}>
              <Input maxLength={200} data-testid="quote-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="priceListId" label={t('quotes.fields.priceList')} extra={t('quotes.priceListHelp')}>
              <Select
                allowClear
                loading={lists.isPending}
                options={listOptions.map((l) => ({ value: l.id, label: `${l.name} · ${l.currency} · ${l.taxRate}%` }))}
                data-testid="quote-price-list"
              />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="currency" label={t('quotes.fields.currency')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select disabled={!!priceListId} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="discountPercent" label={t('quotes.fields.discountPercent')} rules={[pattern(PERCENT, 'quotes.percentFormat')]}>
              <Input suffix="%" inputMode="decimal" placeholder="0" data-testid="quote-discount" />
            </Form.Item>
          </Col>
          <Col xs={8} md={6}>
            <Form.Item name="validUntil" label={t('quotes.fields.validUntil')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('quotes.linesTitle')}</Typography.Title>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              <Row gutter={8} style={{ fontWeight: 500 }}>
                <Col span={6}>{t('quotes.fields.product')}</Col>
                <Col span={6}>{t('quotes.fields.description')}</Col>
                <Col span={2}>{t('quotes.fields.quantity')}</Col>
                <Col span={4}>{t('quotes.fields.unitPrice')}</Col>
                <Col span={2}>{t('quotes.fields.lineDiscount')}</Col>
                <Col span={2}>{t('quotes.fields.taxRate')}</Col>
                <Col span={2} />
              </Row>
              {fields.map((f, i) => {
                const line = watched?.lines?.[i];
                const net = preview?.lines[i]?.netMinor;
                return (
                  <Row key={f.key} gutter={8} align="top">
                    <Col span={6}>
                      <Form.Item name={[f.name, 'productId']}>
                        <ProductSelect placeholder={t('quotes.freeText')} data-testid={`quote-line-${i}-product`} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={[f.name, 'description']}
                        rules={[{ required: !line?.productId, whitespace: true, message: t('quotes.descriptionRequired') }]}
                      >
                        <Input maxLength={1000} placeholder={line?.productId ? t('quotes.fromProduct') : ''} data-testid={`quote-line-${i}-description`} />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Form.Item
                        name={[f.name, 'quantity']}
                        rules={[{ required: true, message: t('validation.required') }, pattern(QUANTITY, 'quotes.quantityFormat')]}
                      >
                        <Input inputMode="decimal" data-testid={`quote-line-${i}-quantity`} />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item
                        name={[f.name, 'unitPrice']}
                        rules={[{ required: !listPrice(line?.productId ?? null), message: t('quotes.priceRequired') }, pattern(AMOUNT, 'quotes.amountFormat')]}
                        extra={net !== undefined ? `= ${money(net)}` : undefined}
                      >
                        <Input inputMode="decimal" placeholder={listPrice(line?.productId ?? null) ?? ''} data-testid={`quote-line-${i}-price`} />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Form.Item name={[f.name, 'discountPercent']} rules={[pattern(PERCENT, 'quotes.percentFormat')]}>
                        <Input inputMode="decimal" placeholder="0" suffix="%" data-testid={`quote-line-${i}-discount`} />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Form.Item name={[f.name, 'taxRate']} rules={[pattern(PERCENT, 'quotes.percentFormat')]}>
                        <Input inputMode="decimal" placeholder={defaultTax} suffix="%" data-testid={`quote-line-${i}-tax`} />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('quotes.removeLine')}
                        disabled={fields.length === 1}
                        onClick={() => remove(f.name)}
                      />
                    </Col>
                  </Row>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blankLine())} data-testid="quote-add-line">
                {t('quotes.addLine')}
              </Button>
            </Flex>
          )}
        </Form.List>

        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          {preview ? (
            <Descriptions size="small" column={1} bordered style={{ minWidth: 320 }} data-testid="quote-preview">
              <Descriptions.Item label={t('quotes.fields.subtotal')}>{money(preview.subtotalMinor)}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.fields.discount')}>-{money(preview.discountMinor)}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.fields.tax')}>{money(preview.taxMinor)}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.fields.total')}>
                <strong>{money(preview.totalMinor)}</strong>
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Alert type="info" showIcon title={t('quotes.previewPending')} />
          )}
        </Flex>
        <Form.Item name="notes" label={t('quotes.fields.notes')} style={{ marginTop: 16 }}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
