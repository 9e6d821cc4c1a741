import type { Action, ModuleKey, Permissions } from '../../shared/schemas/permissions';

export function can(permissions: Permissions | undefined, module: ModuleKey, action: Action): boolean {
  return permissions?.[module]?.actions.includes(action) ?? false;
}

/** Restoring from the recycle bin needs delete rights on at least one module that soft-deletes. */
export function canUseRecycleBin(permissions: Permissions | undefined): boolean {
  return can(permissions, 'users', 'delete') || can(permissions, 'teams', 'delete') || can(permissions, 'roles', 'delete');
}
