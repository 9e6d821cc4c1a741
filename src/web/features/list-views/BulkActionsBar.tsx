import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkRequest, BulkResult, ViewEntity } from '../../../shared/schemas/views';
import { ApiError } from '../../lib/api';
import { can, canAssignOwner } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useBulkAction } from './api';
import { BulkActionModal, type BulkDialog } from './BulkActionModal';
import type { ListField } from './listFields';

interface Props<T> {
  entity: ViewEntity;
  /** Selected records (id and name, for the failure report). */
  selected: { id: string; name: string }[];
  /** Fields a bulk edit may set. */
  editable: ListField<T>[];
  /** Called with the ids that failed, which stay selected so they can be retried. */
  onDone: (failedIds: string[]) => void;
  onClear: () => void;
}

/** What to do with the selected rows; every action asks first, naming how many records it changes. */
export function BulkActionsBar<T>({ entity, selected, editable, onDone, onClear }: Props<T>) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const bulk = useBulkAction(entity);
  const [dialog, setDialog] = useState<BulkDialog | null>(null);
  const count = selected.length;
  if (count === 0) return null;

  const mayUpdate = can(me.permissions, entity, 'update');
  const mayDelete = can(me.permissions, entity, 'delete');

  const report = (result: BulkResult) => {
    onDone(result.failed.map((f) => f.id));
    if (result.failed.length === 0) {
      void message.success(t('listView.bulkDone', { count: result.updated }));
      return;
    }
    const names = new Map(selected.map((s) => [s.id, s.name]));
    void modal.warning({
      title: t('listView.bulkFailedTitle', { count: result.failed.length, updated: result.updated }),
      width: 560,
      content: (
        <ul style={{ paddingInlineStart: 20, maxHeight: 320, overflowY: 'auto' }}>
          {result.failed.map((f) => (
            <li key={f.id}>
              <Typography.Text strong>{names.get(f.id) ?? f.id}</Typography.Text>: {failureText(f)}
            </li>
          ))}
        </ul>
      ),
    });
  };

  // Translated where the code is known; validation messages name fields and come as the server wrote them.
  const failureText = (f: BulkResult['failed'][number]) => {
    if (f.code === 'validation_failed') return f.message;
    const key = `errors.${f.code}`;
    const text = t(key);
    return text === key ? f.message : text;
  };

  const run = (input: Omit<BulkRequest, 'ids'>) =>
    bulk.mutateAsync({ ...input, ids: selected.map((s) => s.id) }).then(
      (result) => {
        setDialog(null);
        report(result);
      },
      (err) => {
        showError(err);
        // A 400 about the request (a bad value) keeps the dialog open to fix it.
        if (!(err instanceof ApiError && err.status === 400)) setDialog(null);
      },
    );

  const confirmDelete = () =>
    void modal.confirm({
      title: t('listView.deleteConfirm', { count }),
      content: t('common.recycleBinHint'),
      okText: t('listView.applyToCount', { count }),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => run({ action: 'delete' }),
    });

  return (
    <Flex
      gap={8}
      wrap
      align="center"
      role="toolbar"
      aria-label={t('listView.bulkActions')}
      style={{ marginBottom: 12, padding: '8px 12px', background: 'rgba(22, 119, 255, 0.06)', borderRadius: 8 }}
    >
      <Typography.Text strong>{t('listView.selected', { count })}</Typography.Text>
      {mayUpdate && canAssignOwner(me.permissions, entity) && <Button onClick={() => setDialog({ action: 'assign' })}>{t('listView.assign')}</Button>}
      {mayUpdate && <Button onClick={() => setDialog({ action: 'addTags' })}>{t('listView.addTags')}</Button>}
      {mayUpdate && <Button onClick={() => setDialog({ action: 'removeTags' })}>{t('listView.removeTags')}</Button>}
      {mayUpdate && editable.length > 0 && <Button onClick={() => setDialog({ action: 'edit' })}>{t('listView.editField')}</Button>}
      {mayDelete && (
        <Button danger onClick={confirmDelete}>
          {t('common.delete')}
        </Button>
      )}
      <Button type="link" onClick={onClear}>
        {t('listView.clearSelection')}
      </Button>
      <BulkActionModal dialog={dialog} count={count} editable={editable} pending={bulk.isPending} onRun={run} onClose={() => setDialog(null)} />
    </Flex>
  );
}
