import { App, Button, Card, Empty, Flex, Typography, theme } from 'antd';
import { type DragEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LEAD_STATUSES, type Lead, type LeadStatus } from '../../../shared/schemas/leads';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/useShowError';
import { type LeadQuery, useLeads, useUpdateLead } from './api';

const DRAG_TYPE = 'application/x-guanxi-lead';
/** The tag colours of the statuses (leadLabels), as a column's top edge. */
const COLUMN_COLORS: Record<LeadStatus, string> = { new: '#1677ff', contacted: '#13c2c2', qualified: '#52c41a', unqualified: '#bfbfbf', converted: '#722ed1' };

function LeadCard({ lead, draggable }: { lead: Lead; draggable: boolean }) {
  const { t } = useTranslation();
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ id: lead.id, version: lead.version, status: lead.status }));
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <Card size="small" draggable={draggable} onDragStart={onDragStart} style={{ cursor: draggable ? 'grab' : 'default' }} data-lead-id={lead.id}>
      <Flex vertical gap={2}>
        <Link to={`/leads/${lead.id}`}>{lead.name}</Link>
        {lead.company && <Typography.Text>{lead.company}</Typography.Text>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`leads.source.${lead.source}`)}
          {lead.provinceName ? ` · ${lead.provinceName}` : ''}
          {lead.ownerName ? ` · ${lead.ownerName}` : ''}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function Column({ status, query, mayUpdate }: { status: LeadStatus; query: LeadQuery; mayUpdate: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const showError = useShowError();
  const update = useUpdateLead();
  const list = useLeads({ ...query, status }, { pageSize: 30 });
  const [over, setOver] = useState(false);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // Conversion is a step of its own (the convert dialog), never a drop.
  const accepts = mayUpdate && status !== 'converted';
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw) return;
    const dragged = JSON.parse(raw) as { id: string; version: number; status: LeadStatus };
    if (dragged.status === status) return;
    update.mutate(
      { id: dragged.id, version: dragged.version, status: status as Exclude<LeadStatus, 'converted'> },
      { onSuccess: () => void message.success(t('leads.moved', { status: t(`leads.status.${status}`) })), onError: (err) => showError(err) },
    );
  };
  return (
    <section
      aria-label={t(`leads.status.${status}`)}
      onDragOver={(e) => {
        if (!accepts) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={accepts ? onDrop : undefined}
      style={{
        flex: '1 0 220px',
        background: over ? token.colorPrimaryBg : token.colorFillQuaternary,
        borderRadius: token.borderRadiusLG,
        borderTop: `3px solid ${COLUMN_COLORS[status]}`,
        padding: 8,
        minHeight: 320,
      }}
    >
      <Flex justify="space-between" style={{ padding: '4px 4px 8px' }}>
        <Typography.Text strong>{t(`leads.status.${status}`)}</Typography.Text>
        <Typography.Text type="secondary">{list.data?.pages[0]?.total ?? ''}</Typography.Text>
      </Flex>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Flex vertical gap={8}>
          {rows.map((l) => (
            <LeadCard key={l.id} lead={l} draggable={accepts} />
          ))}
          {!list.isPending && rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leads.emptyColumn')} />}
          {list.hasNextPage && (
            <Button size="small" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              {t('list.loadMore')}
            </Button>
          )}
        </Flex>
      )}
    </section>
  );
}

/** Leads by status; dragging a card to another column changes its status. */
export function LeadKanban({ query, mayUpdate }: { query: LeadQuery; mayUpdate: boolean }) {
  return (
    <Flex gap={12} style={{ overflowX: 'auto', paddingBottom: 8 }}>
      {LEAD_STATUSES.map((s) => (
        <Column key={s} status={s} query={query} mayUpdate={mayUpdate} />
      ))}
    </Flex>
  );
}
