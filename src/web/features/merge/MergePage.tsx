import { SwapOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Flex, Popconfirm, Result, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ForbiddenResult } from '../../components/ForbiddenResult';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useContact } from '../contacts/api';
import { useCustomFieldCatalog } from '../custom-fields/api';
import type { DuplicateType } from '../duplicates/api';
import { useOrganization } from '../organizations/api';
import { type PartyRecord, useMerge } from './api';
import { FieldChoiceTable } from './FieldChoiceTable';
import { MoveSummary } from './MoveSummary';
import { type Choice, defaultChoice, differs, fieldsBody, mergeRows } from './mergeRows';
import { SourcePicker } from './SourcePicker';

/** Both record types through one hook: only the one of `type` is fetched. */
function useRecord(type: DuplicateType, id: string | undefined) {
  const organization = useOrganization(type === 'organizations' ? id : undefined);
  const contact = useContact(type === 'contacts' ? id : undefined);
  return type === 'organizations' ? organization : contact;
}

const isNotFound = (err: unknown) => err instanceof ApiError && err.status === 404;

/**
 * /organizations/:id/merge and /contacts/:id/merge: the record in the path is kept; the user picks
 * its duplicate (?source=…), chooses field values side by side, sees what moves, and merges.
 */
export function MergePage({ type }: { type: DuplicateType }) {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const { permissions } = useCurrentUser();
  const target = useRecord(type, id);

  if (!can(permissions, type, 'update') || !can(permissions, type, 'delete')) return <ForbiddenResult />;
  if (target.isPending) return <PageLoading />;
  if (target.isError) {
    if (isNotFound(target.error)) {
      return (
        <Result
          status="404"
          title={t(`${type}.notFound`)}
          extra={
            <Link to={`/${type}`}>
              <Button type="primary">{t(`${type}.backToList`)}</Button>
            </Link>
          }
        />
      );
    }
    return <QueryError error={target.error} onRetry={() => target.refetch()} />;
  }
  return <MergeView type={type} target={target.data} />;
}

function MergeView({ type, target }: { type: DuplicateType; target: PartyRecord }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sourceId = params.get('source');
  const source = useRecord(type, sourceId ?? undefined);
  const setSource = (next: string | null) => setParams(next ? { source: next } : {}, { replace: true });
  const base = `/${type}`;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to={base}>{t(`${type}.title`)}</Link> },
          { title: <Link to={`${base}/${target.id}`}>{target.name}</Link> },
          { title: t(type === 'organizations' ? 'merge.titleOrganizations' : 'merge.titleContacts') },
        ]}
      />
      <Typography.Title level={2} style={{ margin: '0 0 4px', fontSize: 22 }}>
        {t(type === 'organizations' ? 'merge.titleOrganizations' : 'merge.titleContacts')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('merge.description', { name: target.name })}</Typography.Paragraph>

      <Flex vertical gap={16}>
        <Card title={t('merge.stepChoose')}>
          <Flex vertical gap={8}>
            <Typography.Text>
              {t('merge.target')}: <Typography.Text strong>{target.name}</Typography.Text>
            </Typography.Text>
            <SourcePicker type={type} target={target} value={sourceId} valueName={source.data?.name} onChange={setSource} />
          </Flex>
        </Card>
        {sourceId && source.isError && (
          <Alert type="error" showIcon title={isNotFound(source.error) ? t('merge.sourceNotFound') : errorMessage(t, source.error)} />
        )}
        {source.data && source.data.id !== target.id && <MergeChoices key={source.data.id} type={type} target={target} source={source.data} />}
      </Flex>
    </>
  );
}

function MergeChoices({ type, target, source }: { type: DuplicateType; target: PartyRecord; source: PartyRecord }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const merge = useMerge(type);
  const catalog = useCustomFieldCatalog(type);
  const rows = useMemo(() => mergeRows(t, type, catalog.data?.fields ?? [], i18n.language), [t, type, catalog.data, i18n.language]);
  const [picked, setPicked] = useState<Record<string, Choice>>({});
  // Defaults follow the server's rule; only what the user changed is stored.
  const choices = useMemo(
    () => Object.fromEntries(rows.filter((r) => differs(r, target, source)).map((r) => [r.key, picked[r.key] ?? defaultChoice(r, target)])),
    [rows, target, source, picked],
  );

  const onMerge = () =>
    merge.mutate(
      { targetId: target.id, sourceId: source.id, version: target.version, sourceVersion: source.version, fields: fieldsBody(choices) },
      {
        onSuccess: () => {
          void message.success(t('merge.merged'));
          navigate(`/${type}/${target.id}`, { replace: true });
        },
        onError: (err) => showError(err),
      },
    );

  return (
    <>
      <Card title={t('merge.stepFields')}>
        <FieldChoiceTable
          rows={rows}
          target={target}
          source={source}
          choices={choices}
          onChoose={(key, choice) => setPicked((p) => ({ ...p, [key]: choice }))}
        />
      </Card>
      <Card title={t('merge.stepSummary')}>
        <Flex vertical gap={12}>
          <MoveSummary type={type} source={source} />
        </Flex>
      </Card>
      <Flex gap={8} justify="flex-end" wrap>
        <Button icon={<SwapOutlined />} onClick={() => navigate(`/${type}/${source.id}/merge?source=${target.id}`)}>
          {t('merge.swap')}
        </Button>
        <Link to={`/${type}/${target.id}`}>
          <Button>{t('common.cancel')}</Button>
        </Link>
        <Popconfirm
          title={t('merge.confirm', { source: source.name, target: target.name })}
          description={t('merge.confirmHint', { source: source.name })}
          okText={t('merge.merge')}
          okButtonProps={{ danger: true, loading: merge.isPending }}
          cancelText={t('common.cancel')}
          onConfirm={onMerge}
        >
          <Button type="primary" danger loading={merge.isPending}>
            {t('merge.merge')}
          </Button>
        </Popconfirm>
      </Flex>
    </>
  );
}
