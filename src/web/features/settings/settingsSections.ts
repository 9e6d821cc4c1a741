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
  {
    key: 'lead-assignment',
    title: 'leads.rules.title',
    visible: (p) => can(p, 'settings', 'admin'),
    component: lazy(() => import('../leads/LeadRulesSettings').then((m) => ({ default: m.LeadRulesSettings }))),
  },
  {
    key: 'approvals',
    title: 'approvals.settings.title',
    visible: (p) => can(p, 'settings', 'admin'),
    component: lazy(() => import('../approvals/ApprovalSettings').then((m) => ({ default: m.ApprovalSettings }))),
  },
  {
    key: 'pipelines',
    title: 'pipelines.title',
    visible: (p) => can(p, 'settings', 'admin'),
    component: lazy(() => import('../opportunities/PipelinesSettings').then((m) => ({ default: m.PipelinesSettings }))),
  },
  {
    key: 'company',
    title: 'quotes.company.title',
    visible: (p) => can(p, 'settings', 'read'),
    component: lazy(() => import('../quotes/CompanySettings').then((m) => ({ default: m.CompanySettings }))),
  },
  {
    key: 'orders',
    title: 'orders.settings.title',
    visible: (p) => can(p, 'settings', 'read'),
    component: lazy(() => import('../orders/OrderSettings').then((m) => ({ default: m.OrderSettings }))),
  },
  {
    key: 'assessments',
    title: 'assessments.settings.title',
    visible: (p) => can(p, 'settings', 'admin') || can(p, 'key_accounts', 'admin'),
    component: lazy(() => import('../assessments/DimensionsSettings').then((m) => ({ default: m.DimensionsSettings }))),
  },
];
