import type { TFunction } from 'i18next';

/** Known record types and actions get a translated name; new ones from the server show as sent. */
export const recordTypeLabel = (t: TFunction, type: string) => t(`recordTypes.${type}`, { defaultValue: type });
export const actionLabel = (t: TFunction, action: string) => t(`audit.actions.${action}`, { defaultValue: action });

export const RECORD_TYPES = [
  'users',
  'teams',
  'roles',
  'api_tokens',
  'organizations',
  'contacts',
  'activities',
  'tasks',
  'custom_fields',
  'field_groups',
  'saved_views',
  'settings',
] as const;
