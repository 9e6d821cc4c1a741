import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Anchor, App, Button, Card, Col, Flex, Form, List, Popconfirm, Progress, Row, Skeleton, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ENTERPRISE_SECTIONS, type EnterpriseArchive, type EnterpriseSection, MAX_ATTACHMENT_BYTES } from '../../../shared/schemas/archives';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { AccountTabs } from '../key-accounts/AccountTabs';
import { attachmentUrl, useDeleteAttachment, useEnterpriseArchive, useSaveEnterpriseArchive, useUploadAttachment } from './api';
import { RichTextField } from './RichTextField';

type Section = EnterpriseArchive['sections'][number];

/** One of the seven parts: its fields as rich text, saved together, and its attachments. */
function SectionCard({ organizationId, section, canEdit }: { organizationId: string; section: Section; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Record<string, string>>();
  const save = useSaveEnterpriseArchive(organizationId);
  const upload = useUploadAttachment(organizationId);
  const remove = useDeleteAttachment(organizationId);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    form.setFieldsValue(section.content);
    setDirty(false);
  }, [form, section]);
  const fields = ENTERPRISE_SECTIONS[section.key as EnterpriseSection];

  const onSave = async () => {
    try {
      await save.mutateAsync({ sections: [{ key: section.key, version: section.version, content: form.getFieldsValue(true) }] });
      void message.success(t('archives.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') void message.error(t('archives.conflict'));
      else showError(err);
    }
  };

  return (
    <Card
      id={`section-${section.key}`}
      title={t(`archives.sections.${section.key}`)}
      style={{ marginBottom: 16 }}
      extra={
        canEdit && (
          <Button type="primary" onClick={onSave} loading={save.isPending} disabled={!dirty}>
            {t('common.save')}
          </Button>
        )
      }
    >
      <Form form={form} layout="vertical" disabled={!canEdit} onValuesChange={() => setDirty(true)}>
        <Row gutter={16}>
          {fields.map((field) => (
            <Col key={field} xs={24} lg={section.key === 'swot' ? 12 : 24}>
              <Form.Item name={field} label={t(`archives.fields.${field}`)}>
                {canEdit ? <RichTextField label={t(`archives.fields.${field}`)} /> : <ReadOnlyHtml />}
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
      <List
        size="small"
        header={<Typography.Text type="secondary">{t('archives.attachments')}</Typography.Text>}
        locale={{ emptyText: t('archives.noAttachments') }}
        dataSource={section.attachments}
        renderItem={(a) => (
          <List.Item
            actions={
              canEdit
                ? [
                    <Popconfirm key="delete" title={t('archives.deleteAttachment')} onConfirm={() => remove.mutateAsync(a.id).catch(showError)}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <a href={attachmentUrl(organizationId, a.id)}>
              <PaperClipOutlined /> {a.fileName}
            </a>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {(a.size / 1024).toFixed(0)} KB
            </Typography.Text>
          </List.Item>
        )}
      />
      {canEdit && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > MAX_ATTACHMENT_BYTES) {
              void message.error(t('archives.tooLarge', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }));
              return Upload.LIST_IGNORE;
            }
            upload.mutateAsync({ section: section.key, file }).catch(showError);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 8 }}>
            {t('archives.upload')}
          </Button>
        </Upload>
      )}
    </Card>
  );
}

/** Sanitised HTML from the server, shown as it was written. */
function ReadOnlyHtml({ value }: { value?: string }) {
  const { t } = useTranslation();
  if (!value) return <Typography.Text type="secondary">{t('archives.empty')}</Typography.Text>;
  // The server allow-lists the markup on every write (sanitize-html), so it is safe to render.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server
  return <div dangerouslySetInnerHTML={{ __html: value }} />;
}

/** The enterprise archive (客户企业档案) of a key account, section by section with a side navigation. */
export function ArchivePage() {
  const { organizationId = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const archive = useEnterpriseArchive(organizationId);
  const canEdit = can(me.permissions, 'key_accounts', 'update');

  return (
    <>
      <AccountTabs organizationId={organizationId} active="archive" />
      {archive.isLoading && <Skeleton active />}
      {archive.error && <QueryError error={archive.error} onRetry={() => archive.refetch()} />}
      {archive.data && (
        <Row gutter={24}>
          <Col xs={0} md={5}>
            <Card size="small" style={{ position: 'sticky', top: 16 }}>
              <Flex vertical gap={4} style={{ marginBottom: 12 }}>
                <Typography.Text type="secondary">{t('archives.completeness')}</Typography.Text>
                <Progress percent={Math.round((archive.data.completeness.filled / archive.data.completeness.total) * 100)} size="small" />
              </Flex>
              <Anchor
                affix={false}
                items={archive.data.sections.map((s) => ({ key: s.key, href: `#section-${s.key}`, title: t(`archives.sections.${s.key}`) }))}
              />
            </Card>
          </Col>
          <Col xs={24} md={19}>
            {!canEdit && <Alert type="info" showIcon title={t('archives.readOnly')} style={{ marginBottom: 16 }} />}
            {archive.data.sections.map((s) => (
              <SectionCard key={s.key} organizationId={organizationId} section={s} canEdit={canEdit} />
            ))}
          </Col>
        </Row>
      )}
    </>
  );
}
