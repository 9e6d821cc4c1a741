import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Radio, Segmented, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { DuplicateMode, ImportEntity, ImportMapping, ImportPreview, ImportUploadResult } from '../../../shared/schemas/imports';
import { ForbiddenResult } from '../../components/ForbiddenResult';
import { PageHeader } from '../../components/PageHeader';
import { ApiError } from '../../lib/api';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { usePreviewImport, useStartImport, useUploadImport } from './api';
import { asImportEntity, importableEntities } from './importEntities';
import { MappingTable } from './MappingTable';
import { PreviewTable } from './PreviewTable';

const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Upload → map columns → check the first rows and choose what duplicates do → start (then the progress page). */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const showGenericError = useShowError();
  const { message } = App.useApp();
  const { i18n } = useTranslation();
  // The import's own error codes are translated in this section; the rest as everywhere.
  const showError = (err: unknown) => {
    const key = err instanceof ApiError ? `imports.errors.${err.code}` : '';
    if (key && i18n.exists(key)) void message.error(t(key));
    else showGenericError(err);
  };
  const [params, setParams] = useSearchParams();
  const allowed = importableEntities(me.permissions);
  const entity = asImportEntity(params.get('entity')) ?? allowed[0];
  const [uploaded, setUploaded] = useState<ImportUploadResult>();
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [preview, setPreview] = useState<ImportPreview>();
  const [mode, setMode] = useState<DuplicateMode>('skip');
  const upload = useUploadImport();
  const check = usePreviewImport();
  const start = useStartImport();

  if (!entity || !allowed.includes(entity)) return <ForbiddenResult />;
  const step = !uploaded ? 0 : !preview ? 1 : 2;
  const entityName = (e: ImportEntity) => t(`imports.entities.${e}`);

  const onFile = (file: File) => {
    upload.mutate(
      { entity, file },
      {
        onSuccess: (r) => {
          setUploaded(r);
          setMapping(r.guessedMapping);
          setPreview(undefined);
        },
        onError: (err) => showError(err),
      },
    );
    return false;
  };
  const onCheck = () => uploaded && check.mutate({ id: uploaded.import.id, mapping }, { onSuccess: setPreview, onError: (err) => showError(err) });
  const onStart = () =>
    uploaded &&
    start.mutate(
      { id: uploaded.import.id, mapping, duplicateMode: mode },
      { onSuccess: (imp) => navigate(`/imports/${imp.id}`), onError: (err) => showError(err) },
    );
  const badRows = preview ? new Set(preview.problems.map((p) => p.row)).size : 0;

  return (
    <>
      <PageHeader
        title={t('imports.newTitle', { entity: entityName(entity) })}
        description={t('imports.description')}
        extra={<Link to="/imports">{t('imports.history')}</Link>}
      />
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('imports.stepUpload') }, { title: t('imports.stepMap') }, { title: t('imports.stepCheck') }]}
      />
      {step === 0 && (
        <Card>
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            {allowed.length > 1 && (
              <Segmented<ImportEntity>
                value={entity}
                options={allowed.map((e) => ({ value: e, label: entityName(e) }))}
                onChange={(e) => setParams({ entity: e }, { replace: true })}
              />
            )}
            <Upload.Dragger accept={ACCEPT} multiple={false} showUploadList={false} beforeUpload={onFile} disabled={upload.isPending}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{upload.isPending ? t('imports.uploading') : t('imports.dropHere')}</p>
              <p className="ant-upload-hint">{t('imports.dropHint')}</p>
            </Upload.Dragger>
          </Space>
        </Card>
      )}
      {uploaded && (
        <Card
          title={t('imports.mappingTitle', { file: uploaded.import.fileName })}
          extra={
            <Typography.Text type="secondary">
              {uploaded.import.format === 'xlsx'
                ? 'Excel (.xlsx)'
                : t('imports.encoding', { encoding: t(`imports.encodings.${uploaded.import.encoding}`, uploaded.import.encoding) })}
            </Typography.Text>
          }
          style={{ marginBottom: 16 }}
        >
          <MappingTable
            headers={uploaded.import.headers}
            sample={uploaded.previewRows}
            fields={uploaded.fields}
            mapping={mapping}
            onChange={(m) => {
              setMapping(m);
              setPreview(undefined);
            }}
          />
          <Flex justify="space-between" style={{ marginTop: 16 }}>
            <Button onClick={() => setUploaded(undefined)}>{t('imports.otherFile')}</Button>
            <Button type={preview ? 'default' : 'primary'} onClick={onCheck} loading={check.isPending}>
              {t('imports.checkRows')}
            </Button>
          </Flex>
        </Card>
      )}
      {uploaded && preview && (
        <Card title={t('imports.previewTitle', { count: preview.rows.length })}>
          {badRows > 0 ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('imports.previewProblems', { count: badRows })} />
          ) : (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('imports.previewClean')} />
          )}
          <PreviewTable headers={uploaded.import.headers} mapping={mapping} preview={preview} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('imports.duplicatesTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t(`imports.duplicateRule.${entity}`)}</Typography.Paragraph>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
            <Space direction="vertical">
              <Radio value="skip">{t('imports.modes.skip')}</Radio>
              <Radio value="update">{t('imports.modes.update')}</Radio>
              <Radio value="create">{t('imports.modes.create')}</Radio>
            </Space>
          </Radio.Group>
          <Flex justify="flex-end" style={{ marginTop: 16 }}>
            <Button type="primary" onClick={onStart} loading={start.isPending}>
              {t('imports.start')}
            </Button>
          </Flex>
        </Card>
      )}
    </>
  );
}
