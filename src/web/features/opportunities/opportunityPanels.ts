import { type ComponentType, lazy } from 'react';
import type { OpportunityDetail } from '../../../shared/schemas/opportunities';
import type { Permissions } from '../../../shared/schemas/permissions';
import { can } from '../../lib/permissions';

export interface OpportunityPanel {
  /** Stable id, also the React key. */
  key: string;
  /** i18n key of the panel's title. */
  title: string;
  /** Left out when the user may not read the module behind it, e.g. `(p) => can(p, 'quotes', 'read')`. */
  visible?: (permissions: Permissions) => boolean;
  /** Preferably `lazy(() => import(…))`, so the detail page does not load every module's code. */
  component: ComponentType<{ opportunity: OpportunityDetail }>;
}

/** Panels that quotes and orders add to the opportunity page (same shape as organizationPanels.ts). */
export const OPPORTUNITY_PANELS: OpportunityPanel[] = [
  {
    key: 'quotes',
    title: 'quotes.title',
    visible: (p) => can(p, 'quotes', 'read'),
    component: lazy(() => import('../quotes/QuotesPanel').then((m) => ({ default: m.OpportunityQuotesPanel }))),
  },
  {
    key: 'orders',
    title: 'orders.title',
    visible: (p) => can(p, 'orders', 'read'),
    component: lazy(() => import('../orders/OrdersPanel').then((m) => ({ default: m.OpportunityOrdersPanel }))),
  },
];
