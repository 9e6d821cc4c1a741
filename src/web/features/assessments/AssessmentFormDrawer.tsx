import { InfoCircleOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, Radio, Skeleton, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assessment } from '../../../shared/schemas/assessments';
import { QueryError } from '../../components/QueryError';
import { fieldErrors } from '../../lib/errorMessage';
import { useCreateAssessment, useDimensions, useUpdateAssessment } from './api';
import { dimensionDescription, dimensionName } from './dimensionName';
import { keyAccountError } from './keyAccountError';

export type AssessmentDrawerState = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; assessment: Assessment };

interface Values {
  assessedOn: Dayjs;
  notes?: string;
  scores: { dimensionId: string; score?: number; comment?: string }[];
}

interface Props {
  organizationId: string;
  state: AssessmentDrawerState;
  onClose: () => void;
}

/** Scores every active dimension on the configured scale, with an optional comment each. */
export function AssessmentFormDrawer({ organizationId, state, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const dimensions = useDimensions({ active: true });
  const create = useCreateAssessment();
  const update = useUpdateAssessment();
  const open = state.mode !== 'closed';
  const editing = state.mode === 'edit' ? state.assessment : null;
  const dims = dimensions.data?.items ?? [];
  const max = dimensions.data?.scale.max ?? 5;

  useEffect(() => {
    if (!open || !dimensions.data) return;
    form.resetFields();
    form.setFieldsValue({
      assessedOn: editing ? dayjs(editing.assessedOn) : dayjs(),
      notes: editing?.notes ?? undefined,
      scores: dimensions.data.items.map((d) => {
        const s = editing?.scores.find((x) => x.dimensionId === d.id);
        return { dimensionId: d.id, score: s?.score, comment: s?.comment ?? undefined };
      }),
    });
  }, [open, editing, dimensions.data, form]);

  async function submit(values: Values) {
    const body = {
      assessedOn: values.assessedOn.format('YYYY-MM-DD'),
      notes: values.notes?.trim() || null,
      scores: values.scores.map((s) => ({ dimensionId: s.dimensionId, score: s.score as number, comment: s.comment?.trim() || null })),
    };
    try {
      if (editing) await update.mutateAsync({ id: editing.id, version: editing.version, ...body });
      else await create.mutateAsync({ organizationId, ...body });
      message.success(t('assessments.saved'));
      onClose();
    } catch (err) {
      const fields = fieldErrors(t, err);
      if (fields.length > 0) form.setFields(fields as never);
      else message.error(keyAccountError(t, err));
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={620}
      title={editing ? t('assessments.editTitle') : t('assessments.newTitle')}
      destroyOnHidden
      extra={
        <Button type="primary" onClick={() => form.submit()} loading={create.isPending || update.isPending}>
          {t('common.save')}
        </Button>
      }
    >
      {dimensions.isLoading ? (
        <Skeleton active />
      ) : dimensions.isError ? (
        <QueryError error={dimensions.error} onRetry={() => dimensions.refetch()} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
          <Form.Item name="assessedOn" label={t('assessments.assessedOn')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} allowClear={false} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('assessments.scaleHint', { max })}</Typography.Paragraph>
          <Form.List name="scores">
            {(fields) =>
              fields.map((field, i) => {
                const d = dims[i];
                if (!d) return null;
                const description = dimensionDescription(d, i18n.language);
                return (
                  <div key={field.key} data-testid={`score-${d.key}`} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <Form.Item name={[field.name, 'dimensionId']} hidden>
                      <Input />
                    </Form.Item>
                    <Flex justify="space-between" align="center" wrap gap={8}>
                      <Typography.Text strong>
                        {dimensionName(d, i18n.language)}{' '}
                        {description && (
                          <Tooltip title={description}>
                            <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
                          </Tooltip>
                        )}
                      </Typography.Text>
                      <Form.Item name={[field.name, 'score']} rules={[{ required: true, message: t('assessments.scoreRequired') }]} style={{ marginBottom: 0 }}>
                        <Radio.Group
                          optionType="button"
                          buttonStyle="solid"
                          size="small"
                          aria-label={dimensionName(d, i18n.language)}
                          options={Array.from({ length: max }, (_, k) => ({ value: k + 1, label: String(k + 1) }))}
                        />
                      </Form.Item>
                    </Flex>
                    <Form.Item name={[field.name, 'comment']} style={{ marginBottom: 0, marginTop: 6 }}>
                      <Input size="small" placeholder={t('assessments.commentPlaceholder')} maxLength={2000} />
                    </Form.Item>
                  </div>
                );
              })
            }
          </Form.List>
          <Form.Item name="notes" label={t('assessments.notes')} style={{ marginTop: 16 }}>
            <Input.TextArea rows={3} maxLength={10_000} />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
