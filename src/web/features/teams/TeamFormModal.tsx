import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useShowError } from '../../lib/useShowError';
import { useAllTeams, useCreateTeam, useUpdateTeam } from './api';
import { TeamTreeSelect } from './TeamTreeSelect';
import { subtreeIds } from './teamTree';

export type TeamFormMode = { kind: 'create'; parentId: string | null } | { kind: 'rename'; teamId: string } | { kind: 'move'; teamId: string };

interface Values {
  name?: string;
  parentId?: string | null;
}

const TITLES = { create: 'teams.createTitle', rename: 'teams.renameTitle', move: 'teams.moveTitle' } as const;

export function TeamFormModal({ mode, onClose }: { mode: TeamFormMode | null; onClose: () => void }) {
  const { t } = useTranslation();
  // Keeps the title while the modal closes.
  const [shown, setShown] = useState(mode);
  if (mode && mode !== shown) setShown(mode);
  return (
    <Modal title={shown ? t(TITLES[shown.kind]) : ''} open={mode !== null} onCancel={onClose} footer={null} destroyOnHidden>
      {mode && <TeamForm mode={mode} onDone={onClose} />}
    </Modal>
  );
}

function TeamForm({ mode, onDone }: { mode: TeamFormMode; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const teams = useAllTeams();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  // Looked up in the live list so a refetch after a version conflict brings the new version.
  const team = mode.kind === 'create' ? undefined : teams.data?.find((x) => x.id === mode.teamId);
  const blocked = useMemo(() => (team && teams.data ? subtreeIds(teams.data, team.id) : undefined), [team, teams.data]);

  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'version_conflict') {
      void message.warning(t('errors.version_conflict'));
      return;
    }
    showError(err, form);
  };
  const onSuccess = () => {
    void message.success(t('common.saved'));
    onDone();
  };

  const onFinish = (values: Values) => {
    if (mode.kind === 'create') {
      create.mutate({ name: values.name ?? '', parentId: values.parentId ?? null }, { onSuccess, onError });
    } else if (team) {
      const change = mode.kind === 'rename' ? { name: values.name } : { parentId: values.parentId ?? null };
      update.mutate({ id: team.id, version: team.version, ...change }, { onSuccess, onError });
    }
  };

  const initialValues: Values = mode.kind === 'create' ? { parentId: mode.parentId, name: '' } : { name: team?.name, parentId: team?.parentId ?? null };

  return (
    <Form<Values> form={form} name="team" layout="vertical" onFinish={onFinish} initialValues={initialValues}>
      {mode.kind !== 'move' && (
        <Form.Item label={t('teams.name')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoFocus maxLength={120} autoComplete="off" />
        </Form.Item>
      )}
      {mode.kind !== 'rename' && (
        <Form.Item label={t('teams.parent')} name="parentId" extra={t('teams.parentHint')}>
          <TeamTreeSelect disabledIds={blocked} placeholder={t('teams.noParent')} />
        </Form.Item>
      )}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {mode.kind === 'create' ? t('common.create') : t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
