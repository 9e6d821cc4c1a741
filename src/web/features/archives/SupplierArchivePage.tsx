import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Anchor, App, Button, Card, Col, Empty, Form, Input, Popconfirm, Row, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { SupplierArchive, SupplierField } from '../../../shared/schemas/archives';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { AccountTabs } from '../key-accounts/AccountTabs';
import { useSaveSupplierArchive, useSupplierArchive } from './api';
import { RichTextField } from './RichTextField';

/** How the fields of one supplier are grouped on screen, following the reference's outline. */
const GROUPS: { key: string; fields: SupplierField[]; half?: boolean }[] = [
  { key: 'overall', fields: ['position', 'perception'] },
  { key: 'offer', fields: ['products', 'services'], half: true },
  { key: 'relationships', fields: ['relationOrganization', 'relationSenior', 'relationMiddle', 'relationJunior'], half: true },
  { key: 'swot', fields: ['strengths', 'weaknesses', 'opportunities', 'threats'], half: true },
];

type FormSupplier = { id?: string; version?: number; competitor: string; content: Partial<Record<SupplierField, string>> };

const toForm = (data: SupplierArchive): FormSupplier[] =>
  data.suppliers.map((s) => ({ id: s.id, version: s.version, competitor: s.competitor, content: s.content }));

/** The supplier archive (供应商档案): our position against each competing supplier, saved as one list. */
export function SupplierArchivePage() {
  const { organizationId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const canEdit = can(me.permissions, 'key_accounts', 'update');
  const archive = useSupplierArchive(organizationId);
  const save = useSaveSupplierArchive(organizationId);
  const [form] = Form.useForm<{ suppliers: FormSupplier[] }>();

  useEffect(() => {
    if (archive.data) form.setFieldsValue({ suppliers: toForm(archive.data) });
  }, [archive.data, form]);

  const onSave = async (values: { suppliers: FormSupplier[] }) => {
    try {
      const content = (c: FormSupplier['content']) =>
        Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      await save.mutateAsync({ suppliers: (values.suppliers ?? []).map((s) => ({ ...s, content: content(s.content) })) });
      void message.success(t('archives.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') void message.error(t('archives.conflict'));
      else showError(err, form);
    }
  };

  return (
    <>
      <AccountTabs
        organizationId={organizationId}
        active="supplier-archive"
        extra={
          canEdit &&
          archive.data && (
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          )
        }
      />
      {archive.isLoading && <Skeleton active />}
      {archive.error && <QueryError error={archive.error} onRetry={() => archive.refetch()} />}
      {archive.data && (
        <Form form={form} layout="vertical" disabled={!canEdit} onFinish={onSave}>
          <Form.List name="suppliers">
            {(items, { add, remove }) => (
              <Row gutter={24}>
                <Col xs={0} md={5}>
                  <Card size="small" style={{ position: 'sticky', top: 16 }}>
                    <Anchor
                      affix={false}
                      items={items.map((item) => ({
                        key: String(item.key),
                        href: `#supplier-${item.key}`,
                        title: form.getFieldValue(['suppliers', item.name, 'competitor']) || t('archives.supplier.unnamed'),
                      }))}
                    />
                    {canEdit && (
                      <Button block icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ competitor: '', content: {} })}>
                        {t('archives.supplier.add')}
                      </Button>
                    )}
                  </Card>
                </Col>
                <Col xs={24} md={19}>
                  {items.length === 0 && (
                    <Empty description={t('archives.supplier.none')}>
                      {canEdit && (
                        <Button type="primary" icon={<PlusOutlined />} onClick={() => add({ competitor: '', content: {} })}>
                          {t('archives.supplier.add')}
                        </Button>
                      )}
                    </Empty>
                  )}
                  {items.map((item) => (
                    <Card
                      key={item.key}
                      id={`supplier-${item.key}`}
                      style={{ marginBottom: 16 }}
                      title={
                        <Form.Item
                          name={[item.name, 'competitor']}
                          rules={[{ required: true, whitespace: true, message: t('archives.supplier.nameRequired') }]}
                          style={{ margin: '8px 0' }}
                        >
                          <Input placeholder={t('archives.supplier.competitor')} aria-label={t('archives.supplier.competitor')} maxLength={200} />
                        </Form.Item>
                      }
                      extra={
                        canEdit && (
                          <Popconfirm title={t('archives.supplier.removeConfirm')} onConfirm={() => remove(item.name)}>
                            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('archives.supplier.remove')} />
                          </Popconfirm>
                        )
                      }
                    >
                      {GROUPS.map((g) => (
                        <div key={g.key}>
                          <Typography.Title level={5}>{t(`archives.supplier.groups.${g.key}`)}</Typography.Title>
                          <Row gutter={16}>
                            {g.fields.map((field) => (
                              <Col key={field} xs={24} lg={g.half ? 12 : 24}>
                                <Form.Item name={[item.name, 'content', field]} label={t(`archives.supplier.fields.${field}`)}>
                                  <RichTextField label={t(`archives.supplier.fields.${field}`)} />
                                </Form.Item>
                              </Col>
                            ))}
                          </Row>
                        </div>
                      ))}
                    </Card>
                  ))}
                </Col>
              </Row>
            )}
          </Form.List>
        </Form>
      )}
    </>
  );
}
