import { DownOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Dropdown, Flex, Form, Input, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { View, ViewEntity } from '../../../shared/schemas/views';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useCreateView, useDeleteView, useUpdateView, useViews } from './api';
import { configOf, differsFrom, type ListState, stateOfView } from './useListState';

interface Props {
  entity: ViewEntity;
  state: ListState;
  onState: (state: Partial<ListState>) => void;
}

type NameDialog = { kind: 'create' } | { kind: 'rename'; view: View } | null;

const NO_VIEW = '';

/** Choose a saved view; save the list as a new personal or shared view; update, rename or delete the chosen one. */
export function SavedViewsMenu({ entity, state, onState }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const views = useViews(entity);
  const update = useUpdateView();
  const remove = useDeleteView();
  const [dialog, setDialog] = useState<NameDialog>(null);

  const items = views.data?.items ?? [];
  const active = items.find((v) => v.id === state.viewId);
  const modified = !!active && differsFrom(state, active.config);
  // Shared views change what everyone sees: list admins and workspace admins only (as on the server).
  const mayShare = can(me.permissions, entity, 'admin') || can(me.permissions, 'settings', 'admin');
  const mayEdit = !!active && (active.shared ? mayShare : active.ownerId === me.user.id);

  const choose = (id: string) => {
    const view = items.find((v) => v.id === id);
    onState(view ? stateOfView(view.id, view.config) : { viewId: undefined, q: undefined, filters: [], sort: undefined, columns: undefined });
  };

  const saveChanges = () => {
    if (!active) return;
    update.mutate(
      { id: active.id, version: active.version, config: configOf(state) },
      { onSuccess: () => void message.success(t('listView.viewSaved')), onError: (err) => showError(err) },
    );
  };

  const confirmDelete = () => {
    if (!active) return;
    void modal.confirm({
      title: t('listView.deleteViewConfirm', { name: active.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(active.id).then(
          () => {
            void message.success(t('listView.viewDeleted'));
            onState({ viewId: undefined });
          },
          (err) => showError(err),
        ),
    });
  };

  const option = (v: View) => ({ value: v.id, label: v.name });
  const options = [
    { value: NO_VIEW, label: t('listView.allRecords') },
    ...[
      { label: t('listView.myViews'), options: items.filter((v) => !v.shared).map(option) },
      { label: t('listView.sharedViews'), options: items.filter((v) => v.shared).map(option) },
    ].filter((g) => g.options.length > 0),
  ];

  return (
    <Flex gap={8} align="center">
      <Select
        aria-label={t('listView.view')}
        value={active ? active.id : state.viewId ? undefined : NO_VIEW}
        placeholder={t('listView.allRecords')}
        loading={views.isLoading}
        options={options}
        onChange={choose}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 200 }}
      />
      {modified && <Tag color="orange">{t('listView.modified')}</Tag>}
      {active?.shared && <Tag>{t('listView.shared')}</Tag>}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'create', label: t('listView.saveAsNew'), onClick: () => setDialog({ kind: 'create' }) },
            { key: 'update', label: t('listView.updateView'), disabled: !mayEdit || !modified, onClick: saveChanges },
            { key: 'rename', label: t('listView.renameView'), disabled: !mayEdit, onClick: () => active && setDialog({ kind: 'rename', view: active }) },
            { type: 'divider' },
            { key: 'delete', label: t('listView.deleteView'), danger: true, disabled: !mayEdit, onClick: confirmDelete },
          ],
        }}
      >
        <Button>
          {t('listView.viewActions')} <DownOutlined />
        </Button>
      </Dropdown>
      <ViewNameModal entity={entity} dialog={dialog} state={state} mayShare={mayShare} onState={onState} onClose={() => setDialog(null)} />
    </Flex>
  );
}

function ViewNameModal({
  entity,
  dialog,
  state,
  mayShare,
  onState,
  onClose,
}: {
  entity: ViewEntity;
  dialog: NameDialog;
  state: ListState;
  mayShare: boolean;
  onState: Props['onState'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const create = useCreateView();
  const update = useUpdateView();

  const onFinish = ({ name, shared }: { name: string; shared: boolean }) => {
    const done = () => {
      void message.success(t('listView.viewSaved'));
      onClose();
    };
    if (dialog?.kind === 'rename') {
      update.mutate({ id: dialog.view.id, version: dialog.view.version, name }, { onSuccess: done, onError: (err) => showError(err, form) });
      return;
    }
    create.mutate(
      { entity, name, shared: !!shared, config: configOf(state) },
      {
        onSuccess: (view) => {
          onState({ viewId: view.id });
          done();
        },
        onError: (err) => showError(err, form),
      },
    );
  };

  return (
    <Modal
      title={dialog?.kind === 'rename' ? t('listView.renameView') : t('listView.saveAsNew')}
      open={dialog !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        name="viewName"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ name: dialog?.kind === 'rename' ? dialog.view.name : '', shared: false }}
        preserve={false}
      >
        <Form.Item label={t('listView.viewName')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoFocus maxLength={80} autoComplete="off" />
        </Form.Item>
        {dialog?.kind === 'create' && mayShare && (
          <Form.Item name="shared" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('listView.shareView')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
