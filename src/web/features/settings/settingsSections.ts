import { type ComponentType, lazy } from 'react';
import type { Permissions } from '../../../shared/schemas/permissions';
import { can } from '../../lib/permissions';

export interface SettingsSection {
  /** URL segment: /settings/<key>; also the React key. */
  key: string;
  /** i18n key of the tab title. */
  title: string;
  /** Left out when the user may not use it, e.g. `(p) => can(p, 'settings', 'admin')`. */
  visible?: (permissions: Permissions) => boolean;
  /** Preferably `lazy(() => import(…))`. */
  component: ComponentType;
}

/** Tabs of the admin settings page; each module appends its own (custom fields, mail, tracking rules, pool rules…). */
export const SETTINGS_SECTIONS: SettingsSection[] = [
  {
    key: 'custom-fields',
    title: 'customFields.title',
    visible: (p) => can(p, 'settings', 'admin'),
    component: lazy(() => import('../custom-fields/CustomFieldsSettings').then((m) => ({ default: m.CustomFieldsSettings }))),
  },
  {
    key: 'mail',
    title: 'settings.mail.title',
    visible: (p) => can(p, 'settings', 'admin'),
    component: lazy(() => import('./MailSettings').then((m) => ({ default: m.MailSettings }))),
  },
  {
    key: 'tracking',
    title: 'settings.tracking.title',
    visible: (p) => can(p, 'settings', 'read'),
    component: lazy(() => import('./TrackingRulesSettings').then((m) => ({ default: m.TrackingRulesSettings }))),
  },
  {
    key: 'pool',
    title: 'pool.settings.title',
    visible: (p) => can(p, 'settings', 'read'),
    component: lazy(() => import('../pool/PoolRulesSettings').then((m) => ({ default: m.PoolRulesSettings }))),
  },
  // @settings:leads
  // @settings:opportunities
  // @settings:quotes
  // @settings:orders
  // @settings:reports
  // @settings:assessments
];
