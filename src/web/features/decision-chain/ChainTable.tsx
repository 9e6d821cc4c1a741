import { Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CHAIN_LEVELS, type Chain, type ChainNode, SUPPORT_LEVELS } from '../../../shared/schemas/decision-chain';
import { ROLE_COLORS, SUPPORT_COLORS } from './chainLabels';

const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');
const rank = (list: readonly string[], v: string | null) => (v === null ? list.length : list.indexOf(v));

/** The same people as the graph, as a sortable table; a row opens the edit drawer. */
export function ChainTable({ chain, onOpen }: { chain: Chain; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const departments = new Map(chain.departments.map((d) => [d.id, d.name]));
  const dept = (n: ChainNode) => (n.departmentId ? (departments.get(n.departmentId) ?? null) : null);
  return (
    <Table<ChainNode>
      rowKey="id"
      size="middle"
      dataSource={chain.nodes}
      pagination={chain.nodes.length > 50 ? { pageSize: 50 } : false}
      onRow={(n) => ({ onClick: () => onOpen(n.id), style: { cursor: 'pointer' } })}
      data-testid="chain-table"
      columns={[
        {
          key: 'name',
          title: t('decisionChain.fields.name'),
          sorter: (a, b) => byText(a.contactName, b.contactName),
          defaultSortOrder: 'ascend',
          render: (_, n) => (
            <Typography.Link>
              {n.contactName}
              {n.risingStar && <span style={{ color: '#faad14' }}> ★</span>}
            </Typography.Link>
          ),
        },
        { key: 'department', title: t('decisionChain.fields.department'), sorter: (a, b) => byText(dept(a), dept(b)), render: (_, n) => dept(n) ?? '—' },
        { key: 'title', title: t('decisionChain.fields.title'), sorter: (a, b) => byText(a.title, b.title), render: (_, n) => n.title ?? '—' },
        {
          key: 'role',
          title: t('decisionChain.fields.buyingRole'),
          sorter: (a, b) => byText(a.buyingRole, b.buyingRole),
          render: (_, n) => (n.buyingRole ? <Tag color={ROLE_COLORS[n.buyingRole]}>{t(`decisionChain.roles.${n.buyingRole}`)}</Tag> : '—'),
        },
        {
          key: 'support',
          title: t('decisionChain.fields.support'),
          sorter: (a, b) => rank(SUPPORT_LEVELS, a.support) - rank(SUPPORT_LEVELS, b.support),
          render: (_, n) => (
            <>
              <Tag color={SUPPORT_COLORS[n.support].tag}>{t(`decisionChain.support.${n.support}`)}</Tag>
              {n.favouredCompetitor && <Typography.Text type="danger">{n.favouredCompetitor}</Typography.Text>}
            </>
          ),
        },
        {
          key: 'level',
          title: t('decisionChain.fields.level'),
          sorter: (a, b) => rank(CHAIN_LEVELS, a.level) - rank(CHAIN_LEVELS, b.level),
          render: (_, n) => (n.level ? t(`decisionChain.levels.${n.level}`) : '—'),
        },
        {
          key: 'strength',
          title: t('decisionChain.fields.strength'),
          sorter: (a, b) => (a.strength ?? 0) - (b.strength ?? 0),
          render: (_, n) => n.strength ?? '—',
        },
        {
          key: 'owner',
          title: t('decisionChain.fields.ourOwner'),
          sorter: (a, b) => byText(a.ourOwnerName, b.ourOwnerName),
          render: (_, n) => n.ourOwnerName ?? <Typography.Text type="warning">{t('decisionChain.nobody')}</Typography.Text>,
        },
        {
          key: 'last',
          title: t('decisionChain.fields.lastContactAt'),
          sorter: (a, b) => byText(a.lastContactAt, b.lastContactAt),
          render: (_, n) => (n.lastContactAt ? dayjs(n.lastContactAt).format('YYYY-MM-DD') : t('common.never')),
        },
      ]}
    />
  );
}
