import { Button, Card, Col, Flex, Popconfirm, Progress, Row, Statistic, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Import } from '../../../shared/schemas/imports';
import { formatDateTime } from '../../lib/format';
import { useShowError } from '../../lib/useShowError';
import { reportUrl, useCancelImport, useInvalidateImported } from './api';
import { ImportStatusTag } from './ImportStatusTag';

const live = (i: Import) => i.status === 'queued' || i.status === 'running';

/** A running import's bar and counts (polled), with cancel; the report once there is one. */
export function ImportProgress({ imp }: { imp: Import }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const cancel = useCancelImport();
  const invalidate = useInvalidateImported();
  const wasLive = useRef(live(imp));
  useEffect(() => {
    // The lists learn of the new records when the import ends, not on every poll.
    if (wasLive.current && !live(imp)) void invalidate(imp.entity as 'organizations' | 'contacts');
    wasLive.current = live(imp);
  }, [imp, invalidate]);

  const percent = imp.totalRows ? Math.floor((imp.rowsProcessed / imp.totalRows) * 100) : imp.status === 'done' ? 100 : 0;
  const status = imp.status === 'failed' ? 'exception' : imp.status === 'done' ? 'success' : live(imp) ? 'active' : 'normal';
  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{imp.fileName}</Typography.Text>
        <ImportStatusTag imp={imp} />
      </Flex>
      <Progress percent={percent} status={status} aria-label={t('imports.progress')} style={{ margin: '16px 0' }} />
      <Typography.Paragraph type="secondary">
        {imp.totalRows === null && live(imp)
          ? t('imports.counting')
          : t('imports.rowsOf', { done: imp.rowsProcessed.toLocaleString(), total: (imp.totalRows ?? imp.rowsProcessed).toLocaleString() })}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('imports.created')} value={imp.rowsCreated} />
        </Col>
        <Col span={6}>
          <Statistic title={t('imports.updated')} value={imp.rowsUpdated} />
        </Col>
        <Col span={6}>
          <Statistic title={t('imports.skipped')} value={imp.rowsSkipped} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('imports.failed')}
            value={imp.rowsFailed}
            valueStyle={imp.rowsFailed > 0 ? { color: 'var(--ant-color-error, #cf1322)' } : undefined}
          />
        </Col>
      </Row>
      {imp.error && (
        <Typography.Paragraph type="danger" style={{ marginTop: 16 }}>
          {imp.error}
        </Typography.Paragraph>
      )}
      <Flex gap={8} justify="flex-end" align="center" style={{ marginTop: 16 }}>
        {imp.finishedAt && <Typography.Text type="secondary">{t('imports.finishedAt', { time: formatDateTime(imp.finishedAt) })}</Typography.Text>}
        {imp.rowsFailed > 0 && (
          <Button href={reportUrl(imp.id)} download>
            {t('imports.downloadReport')}
          </Button>
        )}
        {live(imp) && !imp.cancelRequested && (
          <Popconfirm title={t('imports.cancelConfirm')} onConfirm={() => cancel.mutate(imp.id, { onError: (err) => showError(err) })}>
            <Button danger loading={cancel.isPending}>
              {t('imports.cancel')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    </Card>
  );
}
