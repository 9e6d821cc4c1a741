import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { type DragEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Board, Opportunity, Stage } from '../../../shared/schemas/opportunities';
import { http } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useShowError } from '../../lib/useShowError';
import { fetchColumnPage, type OpportunityQuery, opportunityKeys, useBoard, useInvalidateOpportunities } from './api';
import { CloseDealModal, type CloseValues } from './CloseDealModal';
import { formatAmount, localName } from './opportunityLabels';

type Extra = Record<string, { items: Opportunity[]; cursor: string | null; loading?: boolean }>;
interface PendingMove {
  card: Opportunity;
  to: Stage;
}

const DRAG_TYPE = 'application/x-guanxi-opportunity';

/** The board with the card moved to another column (counts follow; totals come back from the server). */
function withMove(board: Board, card: Opportunity, to: Stage): Board {
  return {
    ...board,
    columns: board.columns.map((c) => {
      if (c.stage.id === card.stageId) return { ...c, count: c.count - 1, items: c.items.filter((i) => i.id !== card.id) };
      if (c.stage.id === to.id) return { ...c, count: c.count + 1, items: [{ ...card, stageId: to.id, status: to.kind }, ...c.items] };
      return c;
    }),
  };
}

/**
 * Kanban of one pipeline: a column per stage with its exact totals, cards dragged between columns
 * with native HTML5 drag and drop. The move shows at once and is rolled back if the server refuses it;
 * a move into a won or lost stage first asks why.
 */
export function KanbanBoard({ query, canMove }: { query: OpportunityQuery; canMove: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const qc = useQueryClient();
  const invalidate = useInvalidateOpportunities();
  const board = useBoard(query);
  const [extra, setExtra] = useState<Extra>({});
  const [over, setOver] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [saving, setSaving] = useState(false);
  // Cards loaded with "load more" belong to the board they were loaded for.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever a new board arrives.
  useEffect(() => setExtra({}), [board.data]);

  if (board.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (board.isError) return <Typography.Text type="danger">{t('errors.unknown')}</Typography.Text>;
  const data = board.data;
  const key = opportunityKeys.board(query);

  async function move(card: Opportunity, to: Stage, close: CloseValues = {}) {
    const snapshot = qc.getQueryData<Board>(key);
    await qc.cancelQueries({ queryKey: key });
    if (snapshot) qc.setQueryData<Board>(key, withMove(snapshot, card, to));
    setExtra((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, { ...v, items: v.items.filter((i) => i.id !== card.id) }])));
    setSaving(true);
    try {
      const saved = await http.patch<Opportunity>(`/opportunities/${card.id}`, { version: card.version, stageId: to.id, ...close });
      // The saved card carries the new version, so a second drag before the refetch lands is not stale.
      qc.setQueryData<Board>(
        key,
        (b) => b && { ...b, columns: b.columns.map((c) => ({ ...c, items: c.items.map((i) => (i.id === saved.id ? { ...i, ...saved } : i)) })) },
      );
      void message.success(t('opportunities.moved', { name: card.name, stage: localName(to, i18n.language) }));
    } catch (err) {
      if (snapshot) qc.setQueryData(key, snapshot);
      showError(err);
    } finally {
      setSaving(false);
      setPending(null);
      void invalidate();
    }
  }

  const findCard = (id: string) =>
    data.columns.flatMap((c) => c.items).find((i) => i.id === id) ??
    Object.values(extra)
      .flatMap((e) => e.items)
      .find((i) => i.id === id);

  const onDrop = (e: DragEvent, to: Stage) => {
    e.preventDefault();
    setOver(null);
    const card = findCard(e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain'));
    if (!card || card.stageId === to.id) return;
    if (to.kind === 'open') void move(card, to);
    else setPending({ card, to });
  };

  const loadMore = async (stageId: string, cursor: string) => {
    setExtra((e) => ({ ...e, [stageId]: { items: e[stageId]?.items ?? [], cursor, loading: true } }));
    try {
      const page = await fetchColumnPage({ ...query, pipelineId: data.pipeline.id }, stageId, cursor);
      setExtra((e) => ({ ...e, [stageId]: { items: [...(e[stageId]?.items ?? []), ...page.items], cursor: page.nextCursor } }));
    } catch (err) {
      showError(err);
      setExtra((e) => ({ ...e, [stageId]: { ...e[stageId], loading: false } }));
    }
  };

  return (
    <>
      <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8, alignItems: 'flex-start' }} data-testid="kanban">
        {data.columns.map((col) => {
          const more = extra[col.stage.id];
          const items = [...col.items, ...(more?.items ?? [])];
          const cursor = more ? more.cursor : col.nextCursor;
          return (
            <section
              key={col.stage.id}
              aria-label={localName(col.stage, i18n.language)}
              data-testid={`kanban-column-${col.stage.kind}`}
              data-stage-id={col.stage.id}
              onDragOver={(e) => {
                if (!canMove) return;
                e.preventDefault();
                setOver(col.stage.id);
              }}
              onDragLeave={() => setOver((o) => (o === col.stage.id ? null : o))}
              onDrop={(e) => canMove && onDrop(e, col.stage)}
              style={{
                flex: '0 0 272px',
                background: over === col.stage.id ? 'var(--ant-color-primary-bg, #e6f4ff)' : 'var(--ant-color-fill-quaternary, #f5f5f5)',
                borderRadius: 8,
                padding: 8,
                minHeight: 240,
              }}
            >
              <ColumnHeader stage={col.stage} count={col.count} totals={col.totals} />
              <Flex vertical gap={8}>
                {items.map((o) => (
                  <DealCard key={o.id} deal={o} draggable={canMove && !saving} />
                ))}
                {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.board.emptyColumn')} />}
                {cursor && (
                  <Button size="small" block loading={more?.loading} onClick={() => loadMore(col.stage.id, cursor)}>
                    {t('list.loadMore')}
                  </Button>
                )}
              </Flex>
            </section>
          );
        })}
      </div>
      <CloseDealModal
        kind={pending ? (pending.to.kind as 'won' | 'lost') : null}
        dealName={pending?.card.name}
        loading={saving}
        onCancel={() => setPending(null)}
        onOk={(values) => pending && move(pending.card, pending.to, values)}
      />
    </>
  );
}

function ColumnHeader({ stage, count, totals }: { stage: Stage; count: number; totals: Board['columns'][number]['totals'] }) {
  const { t, i18n } = useTranslation();
  return (
    <div style={{ padding: '4px 4px 8px' }}>
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{localName(stage, i18n.language)}</Typography.Text>
        <Flex gap={4}>
          <Tag color={stage.kind === 'won' ? 'success' : stage.kind === 'lost' ? 'default' : 'processing'} style={{ marginInlineEnd: 0 }}>
            {stage.probability}%
          </Tag>
          <Tag style={{ marginInlineEnd: 0 }} data-testid="column-count">
            {count}
          </Tag>
        </Flex>
      </Flex>
      {totals.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('opportunities.board.noAmount')}
        </Typography.Text>
      ) : (
        totals.map((total) => (
          <div key={total.currency} style={{ fontSize: 12 }} data-testid="column-total">
            <Typography.Text style={{ fontSize: 12 }}>{formatAmount(total.amount, total.currency)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' · '}
              {t('opportunities.board.weighted')} {formatAmount(total.weightedAmount, total.currency)}
            </Typography.Text>
          </div>
        ))
      )}
    </div>
  );
}

function DealCard({ deal: o, draggable }: { deal: Opportunity; draggable: boolean }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      draggable={draggable}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, o.id);
        e.dataTransfer.setData('text/plain', o.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: draggable ? 'grab' : 'default' }}
      data-testid="deal-card"
      data-id={o.id}
    >
      <Link to={`/opportunities/${o.id}`} draggable={false}>
        <Typography.Text strong>{o.name}</Typography.Text>
      </Link>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.organizationName ?? '—'}
        </Typography.Text>
      </div>
      <Flex justify="space-between" style={{ marginTop: 4 }}>
        <Typography.Text>{formatAmount(o.amount, o.currency)}</Typography.Text>
        {o.expectedCloseDate && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('opportunities.fields.expectedCloseDate')}>
            {formatDate(o.expectedCloseDate)}
          </Typography.Text>
        )}
      </Flex>
      {o.ownerName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.ownerName}
        </Typography.Text>
      )}
    </Card>
  );
}
