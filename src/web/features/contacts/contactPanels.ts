import { lazy } from 'react';
import type { Contact } from '../../../shared/schemas/customers';
import type { RecordPanel } from '../../components/RecordPanels';
import { can } from '../../lib/permissions';

export type ContactPanel = RecordPanel<{ contact: Contact }>;

/** Panels that sales modules add to the contact page (same shape as organizationPanels.ts): each module appends its entry here. */
export const CONTACT_PANELS: ContactPanel[] = [
  {
    key: 'opportunities',
    title: 'opportunities.title',
    visible: (p) => can(p, 'opportunities', 'read'),
    component: lazy(() => import('../opportunities/OpportunitiesPanel').then((m) => ({ default: m.ContactOpportunitiesPanel }))),
  },
  {
    key: 'quotes',
    title: 'quotes.title',
    visible: (p) => can(p, 'quotes', 'read'),
    component: lazy(() => import('../quotes/QuotesPanel').then((m) => ({ default: m.ContactQuotesPanel }))),
  },
  {
    key: 'orders',
    title: 'orders.title',
    visible: (p) => can(p, 'orders', 'read'),
    component: lazy(() => import('../orders/OrdersPanel').then((m) => ({ default: m.ContactOrdersPanel }))),
  },
];
