import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChainNode } from '../../../shared/schemas/decision-chain';
import { ROLE_COLORS, SUPPORT_COLORS } from './chainLabels';

export type PersonNodeData = { person: ChainNode; department: string | null };
export type PersonFlowNode = Node<PersonNodeData, 'person'>;

/** One person of the chain: who they are, what role they play in buying and how they stand toward us. */
export function PersonNode({ data, selected }: NodeProps<PersonFlowNode>) {
  const { t } = useTranslation();
  const p = data.person;
  const colors = SUPPORT_COLORS[p.support];
  return (
    <div
      data-testid="chain-node"
      data-name={p.contactName}
      style={{
        width: 210,
        padding: '8px 10px',
        borderRadius: 8,
        border: `2px solid ${colors.border}`,
        background: colors.background,
        boxShadow: selected ? '0 0 0 3px rgba(22,119,255,0.35)' : '0 1px 2px rgba(0,0,0,0.08)',
        fontSize: 12,
      }}
    >
      {/* Top: lines from a manager or an influencer end here; bottom: draw a line to someone else. */}
      <Handle type="target" position={Position.Top} data-testid="handle-in" style={{ width: 10, height: 10 }} />
      <Flex justify="space-between" align="center" gap={4}>
        <Typography.Text strong ellipsis style={{ fontSize: 14 }}>
          {p.contactName || t('decisionChain.unknownContact')}
          {p.risingStar && (
            <span title={t('decisionChain.fields.risingStar')} style={{ color: '#faad14', marginLeft: 4 }}>
              ★
            </span>
          )}
        </Typography.Text>
        <Tag color={colors.tag} style={{ marginInlineEnd: 0 }}>
          {t(`decisionChain.support.${p.support}`)}
        </Tag>
      </Flex>
      {(p.title || data.department) && (
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
          {[p.title, data.department].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
      <Flex gap={4} wrap style={{ marginTop: 4 }}>
        {p.buyingRole && <Tag color={ROLE_COLORS[p.buyingRole]}>{t(`decisionChain.roles.${p.buyingRole}`)}</Tag>}
        {p.level && <Tag>{t(`decisionChain.levels.${p.level}`)}</Tag>}
        {p.strength !== null && <Tag>{t('decisionChain.strengthShort', { value: p.strength })}</Tag>}
      </Flex>
      {p.favouredCompetitor && (
        <Typography.Text type="danger" ellipsis style={{ display: 'block', fontSize: 12 }}>
          {t('decisionChain.favours', { competitor: p.favouredCompetitor })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {t('decisionChain.ourOwnerShort', { name: p.ourOwnerName ?? t('decisionChain.nobody') })}
      </Typography.Text>
      <Handle type="source" position={Position.Bottom} data-testid="handle-out" style={{ width: 10, height: 10 }} />
    </div>
  );
}
