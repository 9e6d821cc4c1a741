import { CloseOutlined, DeleteOutlined, EditOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Input, List, Popconfirm, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Plan, Target, TargetInput } from '../../../shared/schemas/relationship-plans';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { keyAccountError } from '../assessments/keyAccountError';
import { useCurrentUser } from '../auth/api';
import { SUPPORT_COLORS } from '../decision-chain/chainLabels';
import { AccountTabs, accountTabPath } from '../key-accounts/AccountTabs';
import { useCreatePlan, useDeletePlan, useLinkable, usePlan, usePlans, useUpdatePlan } from './api';
import { TargetModal } from './TargetModal';

type LinkKind = 'opportunity' | 'activity' | 'task';
const LINK_FIELD = { opportunity: 'opportunityIds', activity: 'activityIds', task: 'taskIds' } as const;
const LINK_LIST = { opportunity: 'opportunities', activity: 'activities', task: 'tasks' } as const;
const STATUS_COLORS = { not_started: 'default', in_progress: 'processing', achieved: 'success', missed: 'error' } as const;

const toInput = (t: Target): TargetInput => ({
  id: t.id,
  chainPersonId: t.chainPersonId,
  fromSupport: t.fromSupport,
  toSupport: t.toSupport,
  dueOn: t.dueOn,
  measures: t.measures,
  ownerId: t.ownerId,
  status: t.status,
});

function SupportTag({ level }: { level: keyof typeof SUPPORT_COLORS | null }) {
  const { t } = useTranslation();
  if (!level) return <Tag>—</Tag>;
  return <Tag color={SUPPORT_COLORS[level].tag}>{t(`decisionChain.support.${level}`)}</Tag>;
}

/** Linked records of one kind, with a picker of the account's records and a remove button. */
function Links({ plan, kind, editable, save }: { plan: Plan; kind: LinkKind; editable: boolean; save: (change: Partial<Record<string, string[]>>) => void }) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const linked = plan[LINK_LIST[kind]];
  const options = useLinkable(plan.organizationId, kind, picking);
  const ids = linked.map((l) => l.id);
  return (
    <div data-testid={`plan-links-${kind}`}>
      <List
        size="small"
        dataSource={linked}
        locale={{ emptyText: t(`relationshipPlans.noLinks.${kind}`) }}
        renderItem={(l) => (
          <List.Item
            actions={
              editable
                ? [
                    <Button
                      key="remove"
                      size="small"
                      type="text"
                      icon={<CloseOutlined />}
                      aria-label={t('relationshipPlans.unlink')}
                      onClick={() => save({ [LINK_FIELD[kind]]: ids.filter((id) => id !== l.id) })}
                    />,
                  ]
                : []
            }
          >
            {l.title === null ? (
              <Typography.Text type="secondary">{t('relationshipPlans.unavailable')}</Typography.Text>
            ) : (
              <Space wrap>
                {kind === 'opportunity' ? <Link to={`/opportunities/${l.id}`}>{l.title}</Link> : <Typography.Text>{l.title}</Typography.Text>}
                {l.status && <Tag>{t(`relationshipPlans.linkStatus.${kind}.${l.status}`, { defaultValue: l.status })}</Tag>}
                {l.date && <Typography.Text type="secondary">{l.date.slice(0, 10)}</Typography.Text>}
              </Space>
            )}
          </List.Item>
        )}
      />
      {editable &&
        (picking ? (
          <Select
            autoFocus
            open
            showSearch
            optionFilterProp="label"
            style={{ width: '100%', marginTop: 8 }}
            loading={options.isLoading}
            placeholder={t(`relationshipPlans.pick.${kind}`)}
            notFoundContent={t('relationshipPlans.nothingToLink')}
            options={(options.data ?? []).filter((o) => !ids.includes(o.id)).map((o) => ({ value: o.id, label: o.label }))}
            onChange={(id: string) => {
              setPicking(false);
              save({ [LINK_FIELD[kind]]: [...ids, id] });
            }}
            onBlur={() => setPicking(false)}
          />
        ) : (
          <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setPicking(true)}>
            {t(`relationshipPlans.link.${kind}`)}
          </Button>
        ))}
    </div>
  );
}

function PlanView({ plan, year }: { plan: Plan; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const update = useUpdatePlan();
  const remove = useDeletePlan();
  const editable = can(me.permissions, 'key_accounts', 'update');
  const [goals, setGoals] = useState<string | null>(null);
  const [editingTarget, setEditingTarget] = useState<Target | null | undefined>(undefined);

  const save = (change: Record<string, unknown>, after?: () => void) =>
    update.mutateAsync({ id: plan.id, version: plan.version, ...change }).then(
      () => {
        message.success(t('relationshipPlans.saved'));
        after?.();
      },
      (err) => message.error(keyAccountError(t, err)),
    );

  const saveTarget = (input: TargetInput) => {
    const list = plan.targets.map(toInput);
    const i = input.id ? list.findIndex((x) => x.id === input.id) : -1;
    if (i >= 0) list[i] = input;
    else list.push(input);
    save({ targets: list }, () => setEditingTarget(undefined));
  };

  const p = plan.progress;
  return (
    <div data-testid="plan-view">
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('relationshipPlans.step1')} style={{ marginBottom: 16 }}>
            {goals === null ? (
              <Flex justify="space-between" align="start" gap={8}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }} type={plan.marketGoals ? undefined : 'secondary'}>
                  {plan.marketGoals ?? t('relationshipPlans.noGoals')}
                </Typography.Paragraph>
                {editable && (
                  <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setGoals(plan.marketGoals ?? '')} />
                )}
              </Flex>
            ) : (
              <>
                <Input.TextArea
                  aria-label={t('relationshipPlans.marketGoals')}
                  rows={4}
                  value={goals}
                  maxLength={10_000}
                  onChange={(e) => setGoals(e.target.value)}
                />
                <Space style={{ marginTop: 8 }}>
                  <Button
                    type="primary"
                    size="small"
                    loading={update.isPending}
                    onClick={() => save({ marketGoals: goals.trim() || null }, () => setGoals(null))}
                  >
                    {t('common.save')}
                  </Button>
                  <Button size="small" onClick={() => setGoals(null)}>
                    {t('common.cancel')}
                  </Button>
                </Space>
              </>
            )}
            <Typography.Title level={5}>{t('relationshipPlans.opportunities')}</Typography.Title>
            <Links plan={plan} kind="opportunity" editable={editable} save={save} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('relationshipPlans.step2')} style={{ marginBottom: 16 }}>
            {plan.assessment ? (
              <Statistic
                title={t('relationshipPlans.basedOn', { date: plan.assessment.assessedOn })}
                value={plan.assessment.average}
                suffix={`/ ${plan.assessment.scaleMax}`}
              />
            ) : (
              <Typography.Paragraph type="secondary">{t('relationshipPlans.noAssessment')}</Typography.Paragraph>
            )}
            {plan.latestAssessment && plan.latestAssessment.id !== plan.assessment?.id && (
              <Flex gap={8} align="center" style={{ marginTop: 8 }} wrap>
                <Typography.Text type="secondary">
                  {t('relationshipPlans.newerAssessment', { date: plan.latestAssessment.assessedOn, average: plan.latestAssessment.average })}
                </Typography.Text>
                {editable && (
                  <Button size="small" onClick={() => save({ assessmentId: plan.latestAssessment?.id })}>
                    {t('relationshipPlans.useLatest')}
                  </Button>
                )}
              </Flex>
            )}
            <div style={{ marginTop: 12 }}>
              <Link to={accountTabPath(plan.organizationId, 'assessments')}>{t('relationshipPlans.openAssessments')}</Link>
            </div>
          </Card>
        </Col>
      </Row>

      <Card
        title={t('relationshipPlans.step3')}
        style={{ marginBottom: 16 }}
        extra={
          editable && (
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditingTarget(null)}>
              {t('relationshipPlans.addTarget')}
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={plan.targets}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('relationshipPlans.noTargets')} /> }}
          scroll={{ x: 900 }}
          columns={[
            {
              key: 'person',
              title: t('relationshipPlans.person'),
              render: (_, r) =>
                r.personName === null ? (
                  <Typography.Text type="secondary">{t('relationshipPlans.personGone')}</Typography.Text>
                ) : (
                  <>
                    <Typography.Text strong>{r.personName}</Typography.Text>
                    {r.personTitle && <Typography.Text type="secondary"> · {r.personTitle}</Typography.Text>}
                  </>
                ),
            },
            {
              key: 'change',
              title: t('relationshipPlans.supportChange'),
              render: (_, r) => (
                <Space size={2}>
                  <SupportTag level={r.fromSupport} />→<SupportTag level={r.toSupport} />
                </Space>
              ),
            },
            { key: 'due', title: t('relationshipPlans.dueOn'), render: (_, r) => r.dueOn ?? '—' },
            { key: 'measures', title: t('relationshipPlans.measures'), ellipsis: true, render: (_, r) => r.measures ?? '' },
            { key: 'owner', title: t('relationshipPlans.targetOwner'), render: (_, r) => r.ownerName ?? '—' },
            {
              key: 'status',
              title: t('relationshipPlans.status'),
              render: (_, r) => (
                <Space size={2} wrap>
                  <Tag color={STATUS_COLORS[r.status]}>{t(`relationshipPlans.statuses.${r.status}`)}</Tag>
                  {r.overdue && (
                    <Tag color="orange" icon={<WarningOutlined />}>
                      {t('relationshipPlans.overdue')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              key: 'current',
              title: t('relationshipPlans.currentSupport'),
              render: (_, r) => (
                <Space size={2}>
                  <SupportTag level={r.currentSupport} />
                  {r.reached && <Tag color="green">{t('relationshipPlans.reached')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'actions',
              title: '',
              width: 90,
              render: (_, r) =>
                editable && (
                  <Flex gap={4}>
                    <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditingTarget(r)} />
                    <Popconfirm
                      title={t('relationshipPlans.deleteTargetConfirm')}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => save({ targets: plan.targets.filter((x) => x.id !== r.id).map(toInput) })}
                    >
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  </Flex>
                ),
            },
          ]}
        />
      </Card>

      <Card title={t('relationshipPlans.step4')} style={{ marginBottom: 16 }}>
        <Flex gap={32} wrap align="center" style={{ marginBottom: 16 }} data-testid="plan-progress">
          <Progress type="circle" size={80} percent={p.total ? Math.round((p.achieved * 100) / p.total) : 0} />
          <Statistic title={t('relationshipPlans.statuses.achieved')} value={p.achieved} suffix={`/ ${p.total}`} />
          <Statistic title={t('relationshipPlans.statuses.in_progress')} value={p.inProgress} />
          <Statistic title={t('relationshipPlans.statuses.not_started')} value={p.notStarted} />
          <Statistic title={t('relationshipPlans.statuses.missed')} value={p.missed} />
          <Statistic title={t('relationshipPlans.reachedCount')} value={p.reached} suffix={`/ ${p.total}`} />
        </Flex>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Typography.Title level={5}>{t('relationshipPlans.activities')}</Typography.Title>
            <Links plan={plan} kind="activity" editable={editable} save={save} />
          </Col>
          <Col xs={24} md={12}>
            <Typography.Title level={5}>{t('relationshipPlans.tasks')}</Typography.Title>
            <Links plan={plan} kind="task" editable={editable} save={save} />
          </Col>
        </Row>
      </Card>

      {can(me.permissions, 'key_accounts', 'delete') && (
        <Popconfirm
          title={t('relationshipPlans.deleteConfirm', { year })}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove.mutateAsync(plan.id).then(
              () => {
                message.success(t('relationshipPlans.deleted'));
                navigate(accountTabPath(plan.organizationId, 'plans'));
              },
              (err) => message.error(keyAccountError(t, err)),
            )
          }
        >
          <Button danger icon={<DeleteOutlined />}>
            {t('relationshipPlans.delete')}
          </Button>
        </Popconfirm>
      )}

      <TargetModal
        organizationId={plan.organizationId}
        year={plan.year}
        target={editingTarget}
        taken={plan.targets.map((x) => x.chainPersonId)}
        saving={update.isPending}
        onSave={saveTarget}
        onClose={() => setEditingTarget(undefined)}
      />
    </div>
  );
}

/** 客户关系规划四步法 for one account and year: goals, assessment, targets with measures, execution and monitoring. */
export function RelationshipPlanPage() {
  const { organizationId = '', year: yearParam } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const thisYear = new Date().getFullYear();
  const parsed = Number(yearParam);
  const year = Number.isInteger(parsed) && parsed >= 2000 && parsed <= 2100 ? parsed : thisYear;
  const plans = usePlans(organizationId);
  const summary = plans.data?.items.find((p) => p.year === year);
  const plan = usePlan(summary?.id);
  const create = useCreatePlan();
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, year, ...(plans.data?.items.map((p) => p.year) ?? [])])].sort((a, b) => b - a);
  const planned = new Set(plans.data?.items.map((p) => p.year));

  const body = () => {
    if (plans.isLoading || (summary && plan.isLoading)) return <PageLoading />;
    if (plans.isError) return <QueryError error={plans.error} onRetry={() => plans.refetch()} />;
    if (plan.isError) return <QueryError error={plan.error} onRetry={() => plan.refetch()} />;
    if (!summary || !plan.data) {
      return (
        <Card>
          <Empty description={t('relationshipPlans.none', { year })}>
            {can(me.permissions, 'key_accounts', 'create') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                loading={create.isPending}
                onClick={() => create.mutateAsync({ organizationId, year }).catch((err) => message.error(keyAccountError(t, err)))}
              >
                {t('relationshipPlans.create', { year })}
              </Button>
            )}
          </Empty>
        </Card>
      );
    }
    return <PlanView plan={plan.data} year={year} />;
  };

  return (
    <div data-testid="relationship-plan-page">
      <AccountTabs
        organizationId={organizationId}
        active="plans"
        extra={
          <Select
            aria-label={t('relationshipPlans.year')}
            value={year}
            style={{ width: 140 }}
            onChange={(y) => navigate(`${accountTabPath(organizationId, 'plans')}/${y}`)}
            options={years.map((y) => ({ value: y, label: planned.has(y) ? t('relationshipPlans.yearPlanned', { year: y }) : String(y) }))}
          />
        }
      />
      {body()}
    </div>
  );
}
