import { type ButtonProps, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LOST_REASONS, type LostReason } from '../../../shared/schemas/opportunities';

export interface CloseValues {
  closeReason?: LostReason;
  closeNote?: string;
}

interface Props {
  /** The closing stage the deal is moving into; null when closed. */
  kind: 'won' | 'lost' | null;
  dealName?: string;
  loading?: boolean;
  onOk: (values: CloseValues) => void;
  onCancel: () => void;
}

/** Asks why a deal was won (a note) or lost (a reason from the list, and a note) before it moves into a closing stage. */
export function CloseDealModal({ kind, dealName, loading, onOk, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CloseValues>();
  useEffect(() => {
    if (kind) form.resetFields();
  }, [kind, form]);
  return (
    <Modal
      open={!!kind}
      title={kind === 'won' ? t('opportunities.close.wonTitle', { name: dealName }) : t('opportunities.close.lostTitle', { name: dealName })}
      okText={kind === 'won' ? t('opportunities.close.markWon') : t('opportunities.close.markLost')}
      okButtonProps={{ loading, danger: kind === 'lost', 'data-testid': 'close-deal-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.validateFields().then(onOk)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {kind === 'lost' && (
          <Form.Item name="closeReason" label={t('opportunities.fields.lostReason')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              data-testid="close-reason"
              options={LOST_REASONS.map((r) => ({ value: r, label: t(`opportunities.lostReasons.${r}`) }))}
              placeholder={t('opportunities.close.chooseReason')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="closeNote"
          label={kind === 'won' ? t('opportunities.fields.wonReason') : t('opportunities.fields.closeNote')}
          rules={kind === 'won' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="close-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
