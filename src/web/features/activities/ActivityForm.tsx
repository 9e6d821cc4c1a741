import { App, Button, DatePicker, Flex, Form, Input, Segmented, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { type KeyboardEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Activity, type ActivityCreate, type ActivityKind, SCHEDULED_KINDS } from '../../../shared/schemas/activities';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldErrors } from '../../lib/errorMessage';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { KIND_ICONS, kindLabel } from './activityKinds';
import { useCreateActivity, useUpdateActivity } from './api';
import { ContactPicker } from './ContactPicker';

interface Values {
  kind: ActivityKind;
  subject: string;
  body?: string;
  /** Empty means now (the server's default), so a form left open for a while still logs the right time. */
  occurredAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  location?: string;
  organizationId?: string | null;
  contactIds?: string[];
}

export interface ActivityFormProps {
  /** Editing this activity; otherwise a new one is logged. */
  activity?: Activity;
  /** The organization page's record: fixed, not asked for. */
  organizationId?: string;
  /** The contact page's record: a new activity involves this person without asking. */
  contactId?: string;
  /** On the contact page: the person's organizations to choose from instead of searching all. */
  organizationChoices?: { value: string; label: string }[];
  onDone?: (activity: Activity) => void;
  onCancel?: () => void;
  /** The quick log: no labels above the fields. */
  compact?: boolean;
}

const FORMAT = 'YYYY-MM-DD HH:mm';
const ALL_KINDS: ActivityKind[] = ['call', 'meeting', 'visit', 'email', 'note'];

// Field messages the server sends in English, with their translations here.
const SERVER_MESSAGES: Record<string, string> = {
  'No such organization': 'activities.errors.noSuchOrganization',
  'No such contact': 'activities.errors.noSuchContact',
  'Listed twice': 'activities.errors.listedTwice',
  'Ends before it starts': 'activities.errors.endsBeforeStart',
  'At most 31 days after the start': 'activities.errors.tooLong',
  'Link an organization or a contact': 'activities.errors.noLink',
};

/** Server field errors on the fields the form shows; "contactIds.2" lands on the contacts picker. */
function serverFieldErrors(t: TFunction, err: unknown, shown: (keyof Values)[]) {
  if (!(err instanceof ApiError) || !err.fields) return [];
  // fieldErrors translates the platform's common messages, in the same order as the fields.
  const common = fieldErrors(t, err);
  return Object.entries(err.fields).flatMap(([path, text], i) => {
    const name = path.split('.')[0] as keyof Values;
    if (!shown.includes(name)) return [];
    const own = SERVER_MESSAGES[text];
    return [{ name, errors: [own ? t(own) : common[i].errors[0]] }];
  });
}

function initialValues(activity: Activity | undefined, organizationId: string | undefined, contactId: string | undefined, firstChoice?: string): Values {
  if (activity) {
    return {
      kind: activity.kind,
      subject: activity.subject,
      body: activity.body ?? undefined,
      occurredAt: dayjs(activity.occurredAt),
      endsAt: activity.endsAt ? dayjs(activity.endsAt) : null,
      location: activity.location ?? undefined,
      organizationId: activity.organizationId,
      contactIds: activity.contacts.map((c) => c.contactId),
    };
  }
  return { kind: 'call', subject: '', occurredAt: null, organizationId: organizationId ?? firstChoice ?? null, contactIds: contactId ? [contactId] : [] };
}

/**
 * Logs or edits one activity: the kind as buttons, subject, notes, when, and for meetings and visits
 * an end and a place. Enter in the subject saves; Ctrl+Enter (⌘+Enter) saves from the notes.
 */
export function ActivityForm({ activity, organizationId, contactId, organizationChoices, onDone, onCancel, compact = false }: ActivityFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const initial = useMemo(
    () => initialValues(activity, organizationId, contactId, organizationChoices?.[0]?.value),
    [activity, organizationId, contactId, organizationChoices],
  );
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const chosenOrganization = Form.useWatch('organizationId', form);
  const scheduled = SCHEDULED_KINDS.includes(kind);
  const pickContacts = !!activity || !contactId;
  // An activity may name an organization the person no longer belongs to: it stays choosable.
  const choices = useMemo(() => {
    const linked = activity?.organizationId && activity.organizationName ? { value: activity.organizationId, label: activity.organizationName } : null;
    if (!organizationChoices || !linked || organizationChoices.some((c) => c.value === linked.value)) return organizationChoices;
    return [linked, ...organizationChoices];
  }, [organizationChoices, activity]);
  const knownContacts = useMemo(() => (activity?.contacts ?? []).map((c) => ({ value: c.contactId, label: c.contactName })), [activity]);

  const onFinish = (v: Values) => {
    const input: ActivityCreate = {
      kind: v.kind,
      subject: v.subject,
      body: v.body ?? null,
      occurredAt: v.occurredAt ? v.occurredAt.toISOString() : undefined,
      endsAt: scheduled && v.endsAt ? v.endsAt.toISOString() : null,
      location: scheduled ? (v.location ?? null) : null,
      organizationId: organizationId ?? v.organizationId ?? null,
      contactIds: v.contactIds ?? [],
    };
    const handlers = {
      onSuccess: (saved: Activity) => {
        void message.success(t(activity ? 'activities.updated' : 'activities.logged'));
        if (!activity) form.resetFields();
        onDone?.(saved);
      },
      onError: (err: Error) => {
        const shown = Object.keys(form.getFieldsValue(true) ?? {}) as (keyof Values)[];
        form.setFields(serverFieldErrors(t, err, shown));
        void message.error(errorMessage(t, err));
      },
    };
    if (activity) update.mutate({ id: activity.id, version: activity.version, ...input }, handlers);
    else create.mutate(input, handlers);
  };

  const submitOnCtrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };

  // Compact (the quick log): no labels above the fields; each control names itself (aria-label, prefix, placeholder).
  const label = (key: string) => (compact ? undefined : t(key));
  const named = (key: string) => (compact ? { 'aria-label': t(key) } : {});
  const prefixed = (key: string) => (compact ? { 'aria-label': t(key), prefix: <Typography.Text type="secondary">{t(key)}</Typography.Text> } : {});
  const item = { style: { marginBottom: 12 } };
  const when = scheduled ? 'activities.startsAt' : 'activities.occurredAt';

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      requiredMark={false}
      name={activity ? `activity_${activity.id}` : 'quickLog'}
    >
      <Form.Item name="kind" label={label('activities.kind')} {...item}>
        <Segmented<ActivityKind> {...named('activities.kind')} options={ALL_KINDS.map((k) => ({ value: k, label: kindLabel(t, k), icon: KIND_ICONS[k] }))} />
      </Form.Item>
      <Form.Item name="subject" label={label('activities.subject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} {...item}>
        <Input {...named('activities.subject')} maxLength={200} placeholder={t('activities.subjectPlaceholder')} autoComplete="off" />
      </Form.Item>
      <Form.Item name="body" label={label('activities.body')} {...item}>
        <Input.TextArea
          {...named('activities.body')}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={10_000}
          placeholder={t('activities.bodyPlaceholder')}
          onKeyDown={submitOnCtrlEnter}
        />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="occurredAt" label={label(when)} {...item}>
          <DatePicker {...prefixed(when)} showTime={{ format: 'HH:mm' }} format={FORMAT} placeholder={t('activities.now')} allowClear={!activity} />
        </Form.Item>
        {scheduled && (
          <>
            <Form.Item name="endsAt" label={label('activities.endsAt')} {...item}>
              <DatePicker {...prefixed('activities.endsAt')} showTime={{ format: 'HH:mm' }} format={FORMAT} placeholder={compact ? '' : undefined} />
            </Form.Item>
            <Form.Item name="location" label={label('activities.location')} style={{ ...item.style, flex: '1 1 200px' }}>
              <Input {...named('activities.location')} maxLength={200} autoComplete="off" placeholder={compact ? t('activities.location') : undefined} />
            </Form.Item>
          </>
        )}
      </Flex>
      {!organizationId && (
        <Form.Item name="organizationId" label={label('activities.organization')} {...item}>
          {choices ? (
            <Select {...prefixed('activities.organization')} allowClear options={choices} placeholder={t('activities.noOrganization')} />
          ) : (
            <OrganizationSelect {...named('activities.organization')} />
          )}
        </Form.Item>
      )}
      {pickContacts && (
        <Form.Item name="contactIds" label={label('activities.contacts')} {...item}>
          <ContactPicker {...named('activities.contacts')} organizationId={organizationId ?? chosenOrganization} known={knownContacts} />
        </Form.Item>
      )}
      <Flex gap={8} justify="flex-end">
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {activity ? t('common.save') : t('activities.log')}
        </Button>
      </Flex>
    </Form>
  );
}
