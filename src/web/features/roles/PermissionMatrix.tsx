import { Checkbox, Select, Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ACTIONS,
  type Action,
  MODULES,
  type ModuleKey,
  type ModulePermission,
  type Permissions,
  SCOPES,
  type Scope,
} from '../../../shared/schemas/permissions';

interface Props {
  value?: Permissions;
  onChange?: (value: Permissions) => void;
  disabled?: boolean;
}

/** A Form control: rows are modules, columns are actions, plus the data scope of each module. */
export function PermissionMatrix({ value = {}, onChange, disabled }: Props) {
  const { t } = useTranslation();

  const setModule = (module: ModuleKey, next: ModulePermission) => {
    const copy: Permissions = { ...value };
    // A module with no actions is left out entirely rather than kept with an empty list.
    if (next.actions.length === 0) delete copy[module];
    else copy[module] = next;
    onChange?.(copy);
  };

  const toggle = (module: ModuleKey, action: Action, on: boolean) => {
    const current = value[module] ?? { actions: [], scope: 'own' as Scope };
    const actions = on ? ACTIONS.filter((a) => a === action || current.actions.includes(a)) : current.actions.filter((a) => a !== action);
    setModule(module, { ...current, actions });
  };

  const columns: TableProps<{ module: ModuleKey }>['columns'] = [
    { title: t('permissions.module'), dataIndex: 'module', key: 'module', render: (m: ModuleKey) => t(`permissions.modules.${m}`) },
    ...ACTIONS.map((action) => ({
      title: t(`permissions.actions.${action}`),
      key: action,
      align: 'center' as const,
      render: (_: unknown, { module }: { module: ModuleKey }) => (
        <Checkbox
          aria-label={t('permissions.cellLabel', { module: t(`permissions.modules.${module}`), action: t(`permissions.actions.${action}`) })}
          checked={value[module]?.actions.includes(action) ?? false}
          disabled={disabled}
          onChange={(e) => toggle(module, action, e.target.checked)}
        />
      ),
    })),
    {
      title: t('permissions.scope'),
      key: 'scope',
      render: (_: unknown, { module }: { module: ModuleKey }) => (
        <Select<Scope>
          aria-label={t('permissions.scopeLabel', { module: t(`permissions.modules.${module}`) })}
          value={value[module]?.scope ?? 'own'}
          disabled={disabled || !value[module]}
          onChange={(scope) => {
            const current = value[module];
            if (current) setModule(module, { ...current, scope });
          }}
          options={SCOPES.map((s) => ({ value: s, label: t(`permissions.scopes.${s}`) }))}
          style={{ width: 170 }}
          popupMatchSelectWidth={false}
        />
      ),
    },
  ];

  return (
    <Table<{ module: ModuleKey }>
      rowKey="module"
      size="small"
      columns={columns}
      dataSource={MODULES.map((module) => ({ module }))}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
