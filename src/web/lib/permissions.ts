import type { Action, ModuleKey, Permissions } from '../../shared/schemas/permissions';

export function can(permissions: Permissions | undefined, module: ModuleKey, action: Action): boolean {
  return permissions?.[module]?.actions.includes(action) ?? false;
}

/** Restoring from the recycle bin needs delete rights on at least one module that soft-deletes. */
export function canUseRecycleBin(permissions: Permissions | undefined): boolean {
  return (
    [
      'users',
      'teams',
      'roles',
      'organizations',
      'contacts',
      'activities',
      'tasks',
      'leads',
      'opportunities',
      'products',
      'quotes',
      'orders',
      'targets',
      'key_accounts',
    ] as const
  ).some((module) => can(permissions, module, 'delete'));
}

/** Giving a record to someone else or to the shared pool takes update rights beyond one's own records. */
export function canAssignOwner(permissions: Permissions | undefined, module: ModuleKey): boolean {
  return can(permissions, module, 'update') && permissions?.[module]?.scope !== 'own';
}
