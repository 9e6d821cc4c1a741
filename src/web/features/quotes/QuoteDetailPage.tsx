import { CheckOutlined, CloseOutlined, CopyOutlined, DeleteOutlined, EditOutlined, FilePdfOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Dropdown, Flex, Popconfirm, Row, Spin, Table, type TableProps, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Quote, QuoteLine } from '../../../shared/schemas/quotes';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { noWrap } from '../../lib/tableSort';
import { ApprovalTrail } from '../approvals/ApprovalTrail';
import { useCurrentUser } from '../auth/api';
import { CreateOrderFromQuoteButton } from '../orders/CreateOrderFromQuoteButton';
import { type QuoteAction, quotePdfUrl, useDeleteQuote, useQuote, useQuoteAction, useQuoteVersions } from './api';
import { useModuleError } from './moduleError';
import { QuoteFormDrawer } from './QuoteFormDrawer';
import { formatMoney, QUOTE_STATUS_COLORS } from './quoteLabels';

function LinesTable({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  const money = (v: string) => formatMoney(v, quote.currency);
  const columns: TableProps<QuoteLine>['columns'] = [
    { ...noWrap, title: '#', key: 'no', dataIndex: 'lineNo' },
    {
      title: t('quotes.fields.description'),
      key: 'description',
      render: (_, l) => (
        <Flex vertical>
          <span>{l.description}</span>
          {l.sku && <Typography.Text type="secondary">{l.sku}</Typography.Text>}
        </Flex>
      ),
    },
    { ...noWrap, title: t('quotes.fields.quantity'), key: 'quantity', align: 'right', render: (_, l) => `${l.quantity} ${l.unit ?? ''}` },
    { ...noWrap, title: t('quotes.fields.unitPrice'), key: 'unitPrice', align: 'right', render: (_, l) => money(l.unitPrice) },
    {
      ...noWrap,
      title: t('quotes.fields.lineDiscount'),
      key: 'discount',
      align: 'right',
      render: (_, l) => (l.discountPercent === '0' ? '' : `${l.discountPercent}%`),
    },
    { ...noWrap, title: t('quotes.fields.taxRate'), key: 'tax', align: 'right', render: (_, l) => `${l.taxRate}%` },
    { ...noWrap, title: t('quotes.fields.net'), key: 'net', align: 'right', render: (_, l) => money(l.net) },
  ];
  return (
    <Table<QuoteLine>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={quote.lines ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      summary={() => (
        <>
          {[
            ['subtotal', money(quote.subtotal)],
            ['discount', `-${money(quote.discount)} (${quote.discountPercent}%)`],
            ['tax', money(quote.tax)],
            ['total', money(quote.total)],
          ].map(([key, value]) => (
            <Table.Summary.Row key={key}>
              <Table.Summary.Cell index={0} colSpan={6} align="right">
                {key === 'total' ? <strong>{t(`quotes.fields.${key}`)}</strong> : t(`quotes.fields.${key}`)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <span data-testid={`quote-${key}`}>{key === 'total' ? <strong>{value}</strong> : value}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ))}
        </>
      )}
    />
  );
}

function Versions({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  const versions = useQuoteVersions(quote.id);
  if (versions.isError) return <QueryError error={versions.error} onRetry={() => versions.refetch()} />;
  if (!versions.data) return <Spin />;
  return (
    <Timeline
      items={[...versions.data.items].reverse().map((v) => ({
        color: v.id === quote.id ? 'blue' : 'gray',
        content: (
          <Flex vertical>
            <span>
              {v.id === quote.id ? <strong>v{v.revision}</strong> : <Link to={`/quotes/${v.id}`}>v{v.revision}</Link>}{' '}
              <Tag color={QUOTE_STATUS_COLORS[v.status]}>{t(`quotes.status.${v.status}`)}</Tag>
              {v.supersededById && <Tag>{t('quotes.superseded')}</Tag>}
            </span>
            <Typography.Text type="secondary">
              {formatMoney(v.total, quote.currency)} · {formatDateTime(v.createdAt)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

/** One quote: lines and totals, status actions, PDF in both languages, versions and the approval trail. */
export function QuoteDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useModuleError('quotes');
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const quote = useQuote(id);
  const action = useQuoteAction();
  const remove = useDeleteQuote();
  const [editing, setEditing] = useState(false);
  if (quote.isError) return <QueryError error={quote.error} onRetry={() => quote.refetch()} />;
  if (!quote.data) return <Spin />;
  const q = quote.data;
  const canUpdate = can(permissions, 'quotes', 'update');
  const latest = !q.supersededById;

  const run = (a: QuoteAction) =>
    action.mutateAsync({ id: q.id, version: q.version, action: a }).then(
      (next) => {
        if (a === 'send' && next.status === 'pending_approval') void message.info(t('quotes.sentForApproval'));
        else void message.success(t(`quotes.done.${a}`));
        if (next.id !== q.id) navigate(`/quotes/${next.id}`);
      },
      (err) => showError(err),
    );

  const pdfItems = [
    { key: 'zh-CN', label: t('quotes.pdfZh') },
    { key: 'en', label: t('quotes.pdfEn') },
  ];
  return (
    <>
      <PageHeader
        title={`${q.number} v${q.revision}`}
        description={
          <Flex gap={8} align="center" wrap>
            <Tag color={QUOTE_STATUS_COLORS[q.status]} data-testid="quote-status">
              {t(`quotes.status.${q.status}`)}
            </Tag>
            {q.title && <span>{q.title}</span>}
          </Flex>
        }
        extra={
          <>
            <Dropdown.Button
              icon={<FilePdfOutlined />}
              menu={{ items: pdfItems, onClick: ({ key }) => window.open(quotePdfUrl(q.id, key), '_blank', 'noopener') }}
              onClick={() => window.open(quotePdfUrl(q.id, i18n.language), '_blank', 'noopener')}
            >
              {t('quotes.pdf')}
            </Dropdown.Button>
            {canUpdate && q.editable && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="quote-edit">
                {t('common.edit')}
              </Button>
            )}
            {canUpdate && q.editable && (
              <Button type="primary" icon={<SendOutlined />} loading={action.isPending} onClick={() => run('send')} data-testid="quote-send">
                {t('quotes.actions.send')}
              </Button>
            )}
            {canUpdate && latest && q.status === 'sent' && (
              <>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => run('accept')} data-testid="quote-accept">
                  {t('quotes.actions.accept')}
                </Button>
                <Popconfirm
                  title={t('quotes.rejectConfirm')}
                  okText={t('quotes.actions.reject')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => run('reject')}
                >
                  <Button danger icon={<CloseOutlined />}>
                    {t('quotes.actions.reject')}
                  </Button>
                </Popconfirm>
              </>
            )}
            <CreateOrderFromQuoteButton quote={q} />
            {canUpdate && latest && !['pending_approval', 'accepted'].includes(q.status) && (
              <Popconfirm title={t('quotes.reviseConfirm')} okText={t('quotes.actions.revise')} cancelText={t('common.cancel')} onConfirm={() => run('revise')}>
                <Button icon={<CopyOutlined />} data-testid="quote-revise">
                  {t('quotes.actions.revise')}
                </Button>
              </Popconfirm>
            )}
            {can(permissions, 'quotes', 'delete') && latest && q.status !== 'pending_approval' && (
              <Popconfirm
                title={t('quotes.deleteConfirm', { number: `${q.number} v${q.revision}` })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(q.id).then(
                    () => {
                      void message.success(t('quotes.deleted'));
                      navigate(q.previousId ? `/quotes/${q.previousId}` : '/quotes');
                    },
                    (err) => showError(err),
                  )
                }
              >
                <Button danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            )}
          </>
        }
      />
      {q.supersededById && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              {t('quotes.supersededNotice')} <Link to={`/quotes/${q.supersededById}`}>{t('quotes.openLatest')}</Link>
            </span>
          }
        />
      )}
      {q.status === 'pending_approval' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('quotes.pendingNotice')} />}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('quotes.fields.organization')}>
                <Link to={`/organizations/${q.organizationId}`}>{q.organizationName ?? '—'}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('quotes.fields.contact')}>
                {q.contactId ? <Link to={`/contacts/${q.contactId}`}>{q.contactName ?? '—'}</Link> : '—'}
              </Descriptions.Item>
              {q.opportunityId && (
                <Descriptions.Item label={t('quotes.fields.opportunity')}>
                  <Link to={`/opportunities/${q.opportunityId}`}>{q.opportunityName ?? '—'}</Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('quotes.fields.priceList')}>{q.priceListName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.fields.currency')}>{q.currency}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.fields.validUntil')}>{q.validUntil ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.fields.owner')}>{q.ownerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.fields.effectiveDiscount')}>{q.effectiveDiscountPercent}%</Descriptions.Item>
              {q.sentAt && <Descriptions.Item label={t('quotes.fields.sentAt')}>{formatDateTime(q.sentAt)}</Descriptions.Item>}
              {q.decidedAt && <Descriptions.Item label={t('quotes.fields.decidedAt')}>{formatDateTime(q.decidedAt)}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title={t('quotes.linesTitle')} style={{ marginBottom: 16 }}>
            <LinesTable quote={q} />
          </Card>
          {q.notes && (
            <Card title={t('quotes.fields.notes')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{q.notes}</Typography.Paragraph>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('quotes.versions')} style={{ marginBottom: 16 }}>
            <Versions quote={q} />
          </Card>
          <Card title={t('quotes.approvals')}>
            <ApprovalTrail type="quote" id={q.id} />
          </Card>
        </Col>
      </Row>
      <QuoteFormDrawer open={editing} quote={q} onClose={() => setEditing(false)} />
    </>
  );
}
