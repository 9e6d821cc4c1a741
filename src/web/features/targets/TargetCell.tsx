import { Input, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinor, MoneySchema, toMinor } from '../../../shared/money';
import type { Target } from '../../../shared/schemas/targets';

/**
 * One grid cell: the amount, or an input when clicked. Enter or leaving the field saves; an emptied
 * cell removes the target after a confirmation; Escape cancels.
 */
export function TargetCell({
  target,
  editable,
  saving,
  onSave,
  onDelete,
  label,
}: {
  target: Target | undefined;
  editable: boolean;
  saving: boolean;
  onSave: (amount: string) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
  label: string;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState(false);
  // Enter saves and the input then loses focus: the blur must not save (create) a second time.
  const busy = useRef(false);
  const shown = target ? formatMinor(toMinor(target.amount)) : '';

  if (draft === null) {
    if (!editable) return <span>{shown || <Typography.Text type="secondary">—</Typography.Text>}</span>;
    return (
      <button
        type="button"
        className="target-cell"
        aria-label={label}
        onClick={() => {
          busy.current = false;
          setDraft(target?.amount ?? '');
        }}
        style={{ all: 'unset', cursor: 'pointer', display: 'block', minWidth: 72, textAlign: 'right', minHeight: 22 }}
      >
        {shown || <Typography.Text type="secondary">{t('targets.add')}</Typography.Text>}
      </button>
    );
  }

  const commit = async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      await save();
    } finally {
      busy.current = false;
    }
  };

  const save = async () => {
    const value = draft.trim().replace(/,/g, '');
    if (value === (target?.amount ?? '')) return setDraft(null);
    if (value === '') {
      if (!target) return setDraft(null);
      await new Promise<void>((resolve) =>
        Modal.confirm({
          title: t('targets.deleteConfirm'),
          okButtonProps: { danger: true },
          okText: t('common.delete'),
          onOk: async () => {
            try {
              await onDelete();
            } finally {
              setDraft(null);
              resolve();
            }
          },
          onCancel: () => {
            setDraft(null);
            resolve();
          },
        }),
      );
      return;
    }
    if (!MoneySchema.safeParse(value).success || value.startsWith('-')) return setError(true);
    try {
      await onSave(value);
      setDraft(null);
    } catch {
      // The page has shown why; the typed value stays for correcting.
      setError(true);
    }
  };

  return (
    <Input
      size="small"
      autoFocus
      aria-label={label}
      value={draft}
      disabled={saving}
      status={error ? 'error' : undefined}
      title={error ? t('targets.invalidAmount') : undefined}
      onChange={(e) => {
        setError(false);
        setDraft(e.target.value);
      }}
      onPressEnter={commit}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Leaving the field after Escape must not save what was typed.
          busy.current = true;
          setDraft(null);
        }
      }}
      style={{ width: 110, textAlign: 'right' }}
    />
  );
}
