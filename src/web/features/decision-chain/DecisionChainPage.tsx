import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Segmented, Spin, Tabs, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ChainSave, EdgeKind } from '../../../shared/schemas/decision-chain';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { AccountTabs } from '../key-accounts/AccountTabs';
import { AddPersonModal } from './AddPersonModal';
import { toSave, useChain, usePatchNode, useSaveChain } from './api';
import { ChainTable } from './ChainTable';
import { DepartmentsModal } from './DepartmentsModal';
import { PersonDrawer } from './PersonDrawer';

// React Flow is only loaded for the graph tab.
const ChainGraph = lazy(() => import('./ChainGraph').then((m) => ({ default: m.ChainGraph })));

type LineMode = 'reporting' | 'influence' | 'hidden';

/** The decision chain of one key account: a graph editor and the same people as a table. */
export function DecisionChainPage() {
  const { organizationId = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { permissions } = useCurrentUser();
  const chain = useChain(organizationId);
  const save = useSaveChain(organizationId);
  const patch = usePatchNode(organizationId);
  const [view, setView] = useState<'graph' | 'table'>('graph');
  const [lineMode, setLineMode] = useState<LineMode>('reporting');
  const [adding, setAdding] = useState(false);
  const [editingDepartments, setEditingDepartments] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const mayCreate = can(permissions, 'key_accounts', 'create');
  const mayUpdate = can(permissions, 'key_accounts', 'update');
  const mayDelete = can(permissions, 'key_accounts', 'delete');

  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      message.warning(t('errors.version_conflict'));
      chain.refetch();
    } else {
      message.error(errorMessage(t, err));
    }
  };
  /** Every edit is the chain as last read with one change, saved whole (the server checks the version). */
  const edit = async (change: (s: ChainSave) => ChainSave, done?: string) => {
    if (!chain.data) return;
    try {
      await save.mutateAsync(change(toSave(chain.data)));
      if (done) message.success(done);
    } catch (err) {
      failed(err);
      throw err;
    }
  };
  const quietly = (p: Promise<void>) => p.catch(() => undefined);

  if (chain.isLoading) return <PageLoading />;
  if (chain.isError || !chain.data) {
    return (
      <>
        <AccountTabs organizationId={organizationId} active="chain" />
        <QueryError error={chain.error} onRetry={() => chain.refetch()} />
      </>
    );
  }
  const data = chain.data;
  const open = data.nodes.find((n) => n.id === openId) ?? null;
  const counts = new Map<string, number>();
  for (const n of data.nodes) if (n.departmentId) counts.set(n.departmentId, (counts.get(n.departmentId) ?? 0) + 1);

  const removeNode = (id: string) =>
    edit(
      (s) => ({ ...s, nodes: s.nodes.filter((n) => n.id !== id), edges: s.edges.filter((e) => e.from !== id && e.to !== id) }),
      t('decisionChain.personRemoved'),
    );
  const removeEdge = (id: string) => edit((s) => ({ ...s, edges: s.edges.filter((e) => e.id !== id) }), t('decisionChain.lineRemoved'));
  const connect = (from: string, to: string) => {
    const kind: EdgeKind = lineMode === 'reporting' ? 'reporting' : 'influence';
    if (data.edges.some((e) => e.from === from && e.to === to && e.kind === kind)) return;
    quietly(edit((s) => ({ ...s, edges: [...s.edges, { id: crypto.randomUUID(), from, to, kind, hidden: lineMode === 'hidden', note: null }] })));
  };
  const confirmDelete = ({ kind, id }: { kind: 'node' | 'edge'; id: string }) => {
    if (!mayDelete) return;
    const person = data.nodes.find((n) => n.id === id);
    modal.confirm({
      title: kind === 'edge' ? t('decisionChain.deleteLineConfirm') : t('decisionChain.deletePersonConfirm', { name: person?.contactName ?? '' }),
      content: kind === 'node' ? t('decisionChain.deletePersonHint') : undefined,
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => quietly(kind === 'edge' ? removeEdge(id) : removeNode(id)),
    });
  };

  const empty = data.nodes.length === 0;
  return (
    <div data-testid="decision-chain-page">
      <AccountTabs
        organizationId={organizationId}
        active="chain"
        extra={
          <>
            {mayUpdate && (
              <Button icon={<ApartmentOutlined />} onClick={() => setEditingDepartments(true)}>
                {t('decisionChain.departments')}
              </Button>
            )}
            {mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-person">
                {t('decisionChain.addPerson')}
              </Button>
            )}
          </>
        }
      />
      {empty ? (
        <Empty
          style={{ padding: '48px 0' }}
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <div style={{ maxWidth: 560, margin: '0 auto' }}>
              <Typography.Title level={4}>{t('decisionChain.emptyTitle')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('decisionChain.emptyMethod')}</Typography.Paragraph>
            </div>
          }
        >
          {mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('decisionChain.addFirstPerson')}
            </Button>
          )}
        </Empty>
      ) : (
        <Tabs
          activeKey={view}
          onChange={(k) => setView(k as 'graph' | 'table')}
          tabBarExtraContent={
            view === 'graph' &&
            mayUpdate && (
              <Flex align="center" gap={8}>
                <Typography.Text type="secondary">{t('decisionChain.newLine')}</Typography.Text>
                <Segmented<LineMode>
                  value={lineMode}
                  onChange={setLineMode}
                  data-testid="line-mode"
                  options={[
                    { value: 'reporting', label: t('decisionChain.edge.reporting') },
                    { value: 'influence', label: t('decisionChain.edge.influence') },
                    { value: 'hidden', label: t('decisionChain.edge.hidden') },
                  ]}
                />
              </Flex>
            )
          }
          items={[
            {
              key: 'graph',
              label: t('decisionChain.graph'),
              children: (
                <>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    {mayUpdate ? t('decisionChain.graphHelp') : t('decisionChain.graphHelpReadOnly')}
                  </Typography.Paragraph>
                  <Suspense fallback={<Spin />}>
                    <ChainGraph
                      chain={data}
                      editable={mayUpdate}
                      onMove={(id, x, y) => patch.mutate({ id, version: data.version, x, y }, { onError: failed })}
                      onConnect={connect}
                      onOpenPerson={setOpenId}
                      onDeleteRequest={confirmDelete}
                    />
                  </Suspense>
                </>
              ),
            },
            { key: 'table', label: t('decisionChain.table'), children: <ChainTable chain={data} onOpen={setOpenId} /> },
          ]}
        />
      )}

      <AddPersonModal
        open={adding}
        organizationId={organizationId}
        departments={data.departments}
        taken={new Set(data.nodes.map((n) => n.contactId))}
        canCreateContact={can(permissions, 'contacts', 'create')}
        onClose={() => setAdding(false)}
        onAdd={async (contactId, attributes) => {
          const i = data.nodes.length;
          await edit(
            (s) => ({ ...s, nodes: [...s.nodes, { id: crypto.randomUUID(), contactId, ...attributes, x: (i % 4) * 260, y: Math.floor(i / 4) * 180 }] }),
            t('decisionChain.personAdded'),
          );
          setAdding(false);
        }}
      />
      <PersonDrawer
        person={open}
        departments={data.departments}
        editable={mayUpdate}
        deletable={mayDelete}
        saving={save.isPending}
        onClose={() => setOpenId(null)}
        onSave={async (id, attributes) => {
          await quietly(edit((s) => ({ ...s, nodes: s.nodes.map((n) => (n.id === id ? { ...n, ...attributes } : n)) }), t('common.saved')));
        }}
        onDelete={async (id) => {
          await quietly(removeNode(id));
          setOpenId(null);
        }}
      />
      <DepartmentsModal
        open={editingDepartments}
        departments={data.departments}
        counts={counts}
        saving={save.isPending}
        onClose={() => setEditingDepartments(false)}
        onSave={async (departments) => {
          const kept = new Set(departments.map((d) => d.id));
          await quietly(
            edit(
              (s) => ({
                ...s,
                departments,
                nodes: s.nodes.map((n) => (n.departmentId && !kept.has(n.departmentId) ? { ...n, departmentId: null } : n)),
              }),
              t('common.saved'),
            ),
          );
          setEditingDepartments(false);
        }}
      />
    </div>
  );
}
