import { Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkRequest } from '../../../shared/schemas/views';
import { TagsInput } from '../customers/TagsInput';
import { UserSelect } from '../users/UserSelect';
import { type FilterValue, FilterValueInput } from './FilterValueInput';
import type { ListField } from './listFields';

export type BulkDialog = { action: 'assign' | 'addTags' | 'removeTags' | 'edit' };

interface Props<T> {
  dialog: BulkDialog | null;
  count: number;
  editable: ListField<T>[];
  pending: boolean;
  onRun: (input: Omit<BulkRequest, 'ids'>) => void;
  onClose: () => void;
}

const TITLES = { assign: 'listView.assign', addTags: 'listView.addTags', removeTags: 'listView.removeTags', edit: 'listView.editField' } as const;
const CONFIRMS = {
  assign: 'listView.assignConfirm',
  addTags: 'listView.addTagsConfirm',
  removeTags: 'listView.removeTagsConfirm',
  edit: 'listView.editConfirm',
} as const;

/** The one input a bulk action needs (owner, tags, a field and its value), with the count it applies to. */
export function BulkActionModal<T>({ dialog, count, editable, pending, onRun, onClose }: Props<T>) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(dialog);
  // Keeps the title while the modal closes.
  if (dialog && dialog !== shown) setShown(dialog);
  return (
    <Modal
      title={shown ? t(TITLES[shown.action]) : ''}
      open={dialog !== null}
      onCancel={onClose}
      okText={t('listView.applyToCount', { count })}
      cancelText={t('common.cancel')}
      okButtonProps={{ form: 'bulkAction', htmlType: 'submit', loading: pending }}
      destroyOnHidden
    >
      {dialog && (
        <>
          <Typography.Paragraph>{t(CONFIRMS[dialog.action], { count })}</Typography.Paragraph>
          <BulkForm action={dialog.action} editable={editable} onRun={onRun} />
        </>
      )}
    </Modal>
  );
}

interface Values {
  ownerId?: string;
  pool?: boolean;
  tags?: string[];
  field?: string;
  lifecycleReason?: string;
}

function BulkForm<T>({ action, editable, onRun }: { action: BulkDialog['action']; editable: ListField<T>[]; onRun: Props<T>['onRun'] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const pool = Form.useWatch('pool', form);
  const fieldKey = Form.useWatch('field', form);
  // The value lives outside the form: its editor changes with the chosen field.
  const [value, setValue] = useState<FilterValue>(null);
  const field = editable.find((f) => f.key === fieldKey);

  const onFinish = (v: Values) => {
    if (action === 'assign') onRun({ action, ownerId: v.pool ? null : (v.ownerId ?? null) });
    else if (action === 'addTags' || action === 'removeTags') onRun({ action, tags: v.tags ?? [] });
    else if (field) {
      const cleared = value === undefined || value === '' || (Array.isArray(value) && value.length === 0) ? null : value;
      const changes = field.custom
        ? { custom: { [field.custom.key]: cleared } }
        : { [field.key]: cleared, ...(field.key === 'lifecycleStatus' && v.lifecycleReason && { lifecycleReason: v.lifecycleReason }) };
      onRun({ action, changes });
    }
  };

  return (
    <Form<Values> form={form} name="bulkAction" layout="vertical" onFinish={onFinish} initialValues={{ pool: false }}>
      {action === 'assign' && (
        <>
          <Form.Item name="pool" valuePropName="checked">
            <Checkbox>{t('listView.toPool')}</Checkbox>
          </Form.Item>
          <Form.Item
            label={t('listView.newOwner')}
            name="ownerId"
            htmlFor="bulkAction_ownerId"
            rules={[{ required: !pool, message: t('validation.required') }]}
          >
            <UserSelect id="bulkAction_ownerId" disabled={pool} />
          </Form.Item>
        </>
      )}
      {(action === 'addTags' || action === 'removeTags') && (
        <Form.Item label={t('customers.tags')} name="tags" htmlFor="bulkAction_tags" rules={[{ required: true, message: t('validation.required') }]}>
          <TagsInput id="bulkAction_tags" />
        </Form.Item>
      )}
      {action === 'edit' && (
        <>
          <Form.Item label={t('listView.field')} name="field" htmlFor="bulkAction_field" rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              id="bulkAction_field"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('listView.chooseField')}
              options={editable.map((f) => ({ value: f.key, label: f.label }))}
              onChange={() => setValue(null)}
            />
          </Form.Item>
          {field && (
            <Form.Item label={t('listView.newValue')} extra={t('listView.emptyClears')}>
              <FilterValueInput
                field={field}
                op={field.kind === 'multi' ? 'in' : 'eq'}
                value={value}
                onChange={setValue}
                label={t('listView.newValue')}
                fromLabel={t('listView.from')}
                toLabel={t('listView.to')}
              />
            </Form.Item>
          )}
          {field?.key === 'lifecycleStatus' && (
            <Form.Item label={t('organizations.lifecycleReason')} name="lifecycleReason" extra={t('organizations.lifecycleReasonHint')}>
              <Input maxLength={500} />
            </Form.Item>
          )}
        </>
      )}
    </Form>
  );
}
