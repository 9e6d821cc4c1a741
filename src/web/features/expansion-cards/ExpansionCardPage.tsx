import { DeleteOutlined, MinusCircleOutlined, PlusOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Rate,
  Row,
  Select,
  Skeleton,
  Steps,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type ExpansionCard, KEY_DATE_KINDS, SPONSOR_CRITERIA } from '../../../shared/schemas/expansion-cards';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { UserSelect } from '../users/UserSelect';
import { useAddReview, useCard, useDeleteCard, useHandover, useOrganizationPeople, useUpdateCard } from './api';

const STEPS = ['target', 'sponsor', 'channels', 'plan', 'review', 'care'] as const;
const day = (v: string | null | undefined) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

type Item = { text: string; ownerId?: string | null; dueOn?: Dayjs | null; done?: boolean };
interface FormValues {
  title: string;
  status: ExpansionCard['status'];
  targetContactId: string | null;
  targetNotes: string | null;
  sponsorId: string | null;
  sponsorFit: ExpansionCard['sponsorFit'];
  visitsPlan: string | null;
  mutualVisitsPlan: string | null;
  keyDates: { kind: string; label: string; date: Dayjs; yearly: boolean }[];
  keyEvents: Item[];
  commitments: string | null;
  actions: Item[];
  nextReviewOn: Dayjs | null;
  remindDaysBefore: number;
}

function toForm(c: ExpansionCard): FormValues {
  const item = (i: ExpansionCard['actions'][number]) => ({ text: i.text, ownerId: i.ownerId, dueOn: day(i.dueOn), done: i.done });
  return {
    title: c.title,
    status: c.status,
    targetContactId: c.targetContactId,
    targetNotes: c.targetNotes,
    sponsorId: c.sponsorId,
    sponsorFit: c.sponsorFit,
    visitsPlan: c.visitsPlan,
    mutualVisitsPlan: c.mutualVisitsPlan,
    keyDates: c.keyDates.map((d) => ({ kind: d.kind, label: d.label, date: dayjs(d.date), yearly: d.yearly })),
    keyEvents: c.keyEvents.map(item),
    commitments: c.commitments,
    actions: c.actions.map(item),
    nextReviewOn: day(c.nextReviewOn),
    remindDaysBefore: c.remindDaysBefore,
  };
}

function fromForm(v: FormValues) {
  const item = (i: Item) => ({ text: i.text, ownerId: i.ownerId ?? null, dueOn: iso(i.dueOn), done: !!i.done });
  return {
    ...v,
    sponsorFit: Object.fromEntries(
      SPONSOR_CRITERIA.map((k) => [k, { met: !!v.sponsorFit?.[k]?.met, score: v.sponsorFit?.[k]?.score || null, note: v.sponsorFit?.[k]?.note || null }]),
    ) as ExpansionCard['sponsorFit'],
    targetContactId: v.targetContactId ?? null,
    sponsorId: v.sponsorId ?? null,
    keyDates: (v.keyDates ?? []).map((d) => ({
      kind: d.kind as (typeof KEY_DATE_KINDS)[number],
      label: d.label,
      date: iso(d.date) as string,
      yearly: !!d.yearly,
    })),
    keyEvents: (v.keyEvents ?? []).map(item),
    actions: (v.actions ?? []).map(item),
    nextReviewOn: iso(v.nextReviewOn),
  };
}

/** An action plan or key-event list: text, owner (actions), date and done. */
function ItemsList({ name, withOwner, addLabel }: { name: 'keyEvents' | 'actions'; withOwner: boolean; addLabel: string }) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Flex key={f.key} gap={8} align="baseline" wrap>
              <Form.Item
                name={[f.name, 'text']}
                rules={[{ required: true, whitespace: true, message: t('expansionCards.textRequired') }]}
                style={{ flex: 2, minWidth: 200 }}
              >
                <Input placeholder={t(`expansionCards.${name}Placeholder`)} aria-label={t(`expansionCards.${name}Placeholder`)} maxLength={2000} />
              </Form.Item>
              {withOwner && (
                <Form.Item name={[f.name, 'ownerId']} style={{ flex: 1, minWidth: 160 }}>
                  <UserSelect placeholder={t('expansionCards.actionOwner')} aria-label={t('expansionCards.actionOwner')} />
                </Form.Item>
              )}
              <Form.Item name={[f.name, 'dueOn']}>
                <DatePicker placeholder={t(withOwner ? 'expansionCards.dueOn' : 'expansionCards.eventOn')} />
              </Form.Item>
              {withOwner && (
                <Form.Item name={[f.name, 'done']} valuePropName="checked">
                  <Checkbox>{t('expansionCards.done')}</Checkbox>
                </Form.Item>
              )}
              <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.delete')} onClick={() => remove(f.name)} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '', done: false })}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function ReviewForm({ card }: { card: ExpansionCard }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const add = useAddReview(card.id);
  const [form] = Form.useForm<{ reviewedOn: Dayjs; text: string; nextReviewOn: Dayjs | null }>();
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ reviewedOn: dayjs() }}
      onFinish={async (v) => {
        try {
          await add.mutateAsync({ reviewedOn: iso(v.reviewedOn) as string, text: v.text, nextReviewOn: iso(v.nextReviewOn) });
          form.resetFields();
        } catch (err) {
          showError(err, form);
        }
      }}
      style={{ rowGap: 8 }}
    >
      <Form.Item name="reviewedOn" rules={[{ required: true }]}>
        <DatePicker aria-label={t('expansionCards.reviewedOn')} />
      </Form.Item>
      <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('expansionCards.textRequired') }]} style={{ flex: 1, minWidth: 240 }}>
        <Input.TextArea autoSize placeholder={t('expansionCards.reviewPlaceholder')} aria-label={t('expansionCards.reviewPlaceholder')} maxLength={10_000} />
      </Form.Item>
      <Form.Item name="nextReviewOn">
        <DatePicker placeholder={t('expansionCards.nextReview')} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending}>
        {t('expansionCards.addReview')}
      </Button>
    </Form>
  );
}

function HandoverButton({ card }: { card: ExpansionCard }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const handover = useHandover(card.id);
  const [open, setOpen] = useState(false);
  const [ownerId, setOwnerId] = useState<string>();
  return (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setOpen(true)}>
        {t('expansionCards.handover')}
      </Button>
      <Modal
        open={open}
        title={t('expansionCards.handover')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !ownerId }}
        confirmLoading={handover.isPending}
        onOk={async () => {
          try {
            await handover.mutateAsync({ ownerId: ownerId as string, version: card.version });
            void message.success(t('expansionCards.handedOver'));
            setOpen(false);
          } catch (err) {
            showError(err);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('expansionCards.handoverHelp')}</Typography.Paragraph>
        <UserSelect
          value={ownerId}
          onChange={(v) => setOwnerId(v)}
          style={{ width: '100%' }}
          aria-label={t('expansionCards.newOwner')}
          placeholder={t('expansionCards.newOwner')}
        />
      </Modal>
    </>
  );
}

/** One confidential expansion card (关键客户拓展卡片), laid out as the six steps of the method. */
export function ExpansionCardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const me = useCurrentUser();
  const card = useCard(id);
  const update = useUpdateCard(id);
  const remove = useDeleteCard();
  const people = useOrganizationPeople(card.data?.organizationId);
  const [form] = Form.useForm<FormValues>();
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (card.data) form.setFieldsValue(toForm(card.data));
  }, [card.data, form]);

  if (card.isLoading) return <Skeleton active />;
  if (card.error) {
    if (card.error instanceof ApiError && card.error.status === 404) return <QueryError error={card.error} />;
    return <QueryError error={card.error} onRetry={() => card.refetch()} />;
  }
  const c = card.data as ExpansionCard;
  const canEdit = can(me.permissions, 'key_accounts', 'update');
  const canDelete = can(me.permissions, 'key_accounts', 'delete');
  const goTo = (i: number) => {
    setStep(i);
    document.getElementById(`step-${STEPS[i]}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const onSave = async (values: FormValues) => {
    try {
      await update.mutateAsync({ ...fromForm(values), version: c.version });
      void message.success(t('expansionCards.saved'));
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <>
      <PageHeader
        title={c.title}
        description={
          <>
            <Link to={`/organizations/${c.organizationId}`}>{c.organizationName}</Link> · {t('expansionCards.owner')}: {c.ownerName} ·{' '}
            {t('expansionCards.confidential')}
          </>
        }
        extra={
          <>
            {canEdit && <HandoverButton card={c} />}
            {canDelete && (
              <Popconfirm
                title={t('expansionCards.deleteConfirm')}
                onConfirm={async () => {
                  try {
                    await remove.mutateAsync(c.id);
                    navigate('/expansion-cards');
                  } catch (err) {
                    showError(err);
                  }
                }}
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
            {canEdit && (
              <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
                {t('common.save')}
              </Button>
            )}
          </>
        }
      />
      <Steps current={step} onChange={goTo} size="small" style={{ marginBottom: 16 }} items={STEPS.map((s) => ({ title: t(`expansionCards.steps.${s}`) }))} />
      <Form form={form} layout="vertical" disabled={!canEdit} onFinish={onSave}>
        <Card id="step-target" title={`1. ${t('expansionCards.steps.target')}`} style={{ marginBottom: 16 }}>
          {c.competitorWarning && (
            <Alert
              type="warning"
              showIcon
              icon={<WarningOutlined />}
              style={{ marginBottom: 12 }}
              title={t('expansionCards.competitorWarning', { competitor: c.competitorWarning.favouredCompetitor ?? '?' })}
            />
          )}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="title"
                label={t('expansionCards.title')}
                rules={[{ required: true, whitespace: true, message: t('expansionCards.titleRequired') }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="targetContactId" label={t('expansionCards.target')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={people.isLoading}
                  placeholder={t('expansionCards.targetPlaceholder')}
                  options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="targetNotes" label={t('expansionCards.targetNotes')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
          </Form.Item>
        </Card>

        <Card id="step-sponsor" title={`2. ${t('expansionCards.steps.sponsor')}`} style={{ marginBottom: 16 }}>
          <Form.Item name="sponsorId" label={t('expansionCards.sponsor')} extra={t('expansionCards.sponsorHelp')}>
            <UserSelect placeholder={t('expansionCards.sponsorPlaceholder')} style={{ maxWidth: 360 }} />
          </Form.Item>
          {SPONSOR_CRITERIA.map((k) => (
            <Flex key={k} gap={12} align="baseline" wrap>
              <Form.Item name={['sponsorFit', k, 'met']} valuePropName="checked" style={{ width: 180 }}>
                <Checkbox>{t(`expansionCards.criteria.${k}`)}</Checkbox>
              </Form.Item>
              <Form.Item name={['sponsorFit', k, 'score']}>
                <Rate count={5} aria-label={t('expansionCards.score')} />
              </Form.Item>
              <Form.Item name={['sponsorFit', k, 'note']} style={{ flex: 1, minWidth: 200 }}>
                <Input
                  placeholder={t('expansionCards.note')}
                  aria-label={`${t(`expansionCards.criteria.${k}`)} ${t('expansionCards.note')}`}
                  maxLength={1000}
                />
              </Form.Item>
            </Flex>
          ))}
        </Card>

        <Card id="step-channels" title={`3. ${t('expansionCards.steps.channels')}`} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="visitsPlan" label={t('expansionCards.visitsPlan')}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="mutualVisitsPlan" label={t('expansionCards.mutualVisitsPlan')}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>{t('expansionCards.keyDates')}</Typography.Title>
          <Form.List name="keyDates">
            {(fields, { add, remove: removeDate }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline" wrap>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 120 }}
                        aria-label={t('expansionCards.dateKind')}
                        options={KEY_DATE_KINDS.map((k) => ({ value: k, label: t(`expansionCards.dateKinds.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: t('expansionCards.textRequired') }]}>
                      <Input placeholder={t('expansionCards.dateLabel')} aria-label={t('expansionCards.dateLabel')} maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: t('expansionCards.dateRequired') }]}>
                      <DatePicker aria-label={t('expansionCards.date')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'yearly']} valuePropName="checked">
                      <Switch checkedChildren={t('expansionCards.yearly')} unCheckedChildren={t('expansionCards.once')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.delete')} onClick={() => removeDate(f.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'birthday', label: '', yearly: true })}>
                  {t('expansionCards.addKeyDate')}
                </Button>
              </>
            )}
          </Form.List>
          {/* Outside the list: inside it, antd would file the field under keyDates and the card's own value would be lost. */}
          <Form.Item name="remindDaysBefore" label={t('expansionCards.remindDaysBefore')} style={{ marginTop: 12 }}>
            <InputNumber min={0} max={60} />
          </Form.Item>
          {c.keyDates.some((d) => d.nextOccurrence) && (
            <Descriptions size="small" column={1} style={{ marginTop: 12 }} title={t('expansionCards.upcoming')}>
              {c.keyDates
                .filter((d) => d.nextOccurrence)
                .map((d) => (
                  <Descriptions.Item key={d.id} label={d.label}>
                    {formatDate(d.nextOccurrence)}
                  </Descriptions.Item>
                ))}
            </Descriptions>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('expansionCards.keyEvents')}
          </Typography.Title>
          <ItemsList name="keyEvents" withOwner={false} addLabel={t('expansionCards.addKeyEvent')} />
        </Card>

        <Card id="step-plan" title={`4. ${t('expansionCards.steps.plan')}`} style={{ marginBottom: 16 }}>
          <Form.Item name="commitments" label={t('expansionCards.commitments')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={10_000} />
          </Form.Item>
          <Typography.Title level={5}>{t('expansionCards.actions')}</Typography.Title>
          <ItemsList name="actions" withOwner addLabel={t('expansionCards.addAction')} />
        </Card>

        <Card id="step-review" title={`5. ${t('expansionCards.steps.review')}`} style={{ marginBottom: 16 }}>
          <Flex gap={16} wrap>
            <Form.Item name="nextReviewOn" label={t('expansionCards.nextReview')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="status" label={t('expansionCards.status')}>
              <Select style={{ width: 140 }} options={(['active', 'closed'] as const).map((s) => ({ value: s, label: t(`expansionCards.statuses.${s}`) }))} />
            </Form.Item>
          </Flex>
        </Card>
      </Form>
      <Card title={t('expansionCards.reviews')} style={{ marginBottom: 16 }}>
        {canEdit && <ReviewForm card={c} />}
        <List
          style={{ marginTop: 12 }}
          locale={{ emptyText: t('expansionCards.noReviews') }}
          dataSource={c.reviews}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={`${formatDate(r.reviewedOn)} · ${r.authorName ?? ''}`}
                description={r.nextReviewOn ? `${t('expansionCards.nextReview')}: ${formatDate(r.nextReviewOn)}` : undefined}
              />
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', flex: 2, margin: 0 }}>{r.text}</Typography.Paragraph>
            </List.Item>
          )}
        />
      </Card>
      <Card id="step-care" title={`6. ${t('expansionCards.steps.care')}`}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('expansionCards.careText', { owner: c.ownerName ?? '' })}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
