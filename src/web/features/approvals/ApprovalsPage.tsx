import { App, Button, Empty, Flex, Form, Input, Modal, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ApprovalRequest } from '../../../shared/schemas/approvals';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { ApprovalTrailOf } from './ApprovalTrailOf';
import { type ApprovalBox, useApprovals, useDecide } from './api';
import { ApprovalStatusTag, approvalWhat, stepApprover } from './approvalLabels';

const SUBJECT_PATHS = { quote: (id: string) => `/quotes/${id}`, order: (id: string) => `/orders/${id}` };

function DecisionModal({ request, outcome, onClose }: { request: ApprovalRequest | null; outcome: 'approve' | 'reject'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const decide = useDecide();
  const [form] = Form.useForm<{ comment?: string }>();
  const submit = ({ comment }: { comment?: string }) =>
    request &&
    decide.mutate(
      { id: request.id, outcome, comment },
      {
        onSuccess: () => {
          message.success(t(outcome === 'approve' ? 'approvals.approved' : 'approvals.rejected'));
          form.resetFields();
          onClose();
        },
        onError: (err) => showError(err, form),
      },
    );
  return (
    <Modal
      open={!!request}
      title={t(outcome === 'approve' ? 'approvals.approveTitle' : 'approvals.rejectTitle', { title: request?.subjectTitle ?? '' })}
      okText={t(outcome === 'approve' ? 'approvals.approve' : 'approvals.reject')}
      okButtonProps={{ danger: outcome === 'reject', loading: decide.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {request && <Typography.Paragraph>{approvalWhat(t, request)}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="comment"
          label={t('approvals.comment')}
          rules={outcome === 'reject' ? [{ required: true, whitespace: true, message: t('approvals.commentRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ApprovalTable({ box }: { box: ApprovalBox }) {
  const { t } = useTranslation();
  const list = useApprovals(box);
  const [deciding, setDeciding] = useState<{ request: ApprovalRequest | null; outcome: 'approve' | 'reject' }>({ request: null, outcome: 'approve' });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  const current = (r: ApprovalRequest) => r.steps.find((s) => s.status === 'pending');
  return (
    <>
      <Table<ApprovalRequest>
        rowKey="id"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t(`approvals.empty.${box}`)} /> }}
        expandable={{ expandedRowRender: (r) => <ApprovalTrailOf request={r} /> }}
        columns={[
          {
            title: t('approvals.subject'),
            render: (_, r) => (
              <Flex vertical>
                <Link to={SUBJECT_PATHS[r.subjectType](r.subjectId)}>{r.subjectTitle}</Link>
                <Typography.Text type="secondary">{t(`approvals.types.${r.subjectType}`)}</Typography.Text>
              </Flex>
            ),
          },
          { title: t('approvals.reason'), render: (_, r) => approvalWhat(t, r) },
          { title: t('approvals.submitter'), render: (_, r) => r.submittedByName ?? '—' },
          { title: t('approvals.submittedAt'), render: (_, r) => formatDateTime(r.createdAt) },
          { title: t('approvals.statusLabel'), render: (_, r) => <ApprovalStatusTag status={r.status} /> },
          {
            title: t('approvals.currentStep'),
            render: (_, r) => {
              const step = current(r);
              return step ? stepApprover(t, step) : '—';
            },
          },
          {
            title: t('common.actions'),
            render: (_, r) =>
              r.canAct && (
                <Flex gap={8}>
                  <Button type="primary" size="small" onClick={() => setDeciding({ request: r, outcome: 'approve' })}>
                    {t('approvals.approve')}
                  </Button>
                  <Button danger size="small" onClick={() => setDeciding({ request: r, outcome: 'reject' })}>
                    {t('approvals.reject')}
                  </Button>
                </Flex>
              ),
          },
        ]}
      />
      <LoadMore shown={rows.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
      <DecisionModal request={deciding.request} outcome={deciding.outcome} onClose={() => setDeciding((d) => ({ ...d, request: null }))} />
    </>
  );
}

/** The approver's inbox: what waits for me, what I submitted, what I decided (and everything, for admins). */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const boxes: ApprovalBox[] = ['inbox', 'mine', 'done', ...(can(me.permissions, 'settings', 'admin') ? (['all'] as const) : [])];
  const box = (boxes as string[]).includes(params.get('box') ?? '') ? (params.get('box') as ApprovalBox) : 'inbox';
  return (
    <>
      <PageHeader title={t('approvals.title')} description={t('approvals.description')} />
      <Tabs
        activeKey={box}
        onChange={(key) => setParams({ box: key }, { replace: true })}
        items={boxes.map((b) => ({ key: b, label: t(`approvals.boxes.${b}`), children: <ApprovalTable box={b} /> }))}
        destroyOnHidden
      />
    </>
  );
}
