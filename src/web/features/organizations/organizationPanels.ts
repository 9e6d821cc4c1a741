import { lazy } from 'react';
import type { Organization } from '../../../shared/schemas/customers';
import type { RecordPanel } from '../../components/RecordPanels';
import { can } from '../../lib/permissions';

export type OrganizationPanel = RecordPanel<{ organization: Organization }>;

/**
 * Panels that later modules add to the organization page (opportunities, quotes, orders, tickets,
 * relationship map…): each module appends its entry here.
 */
export const ORGANIZATION_PANELS: OrganizationPanel[] = [
  {
    key: 'open-tasks',
    title: 'tasks.openTasks',
    visible: (p) => can(p, 'tasks', 'read'),
    component: lazy(() => import('../tasks/OpenTasksPanel').then((m) => ({ default: m.OrganizationTasksPanel }))),
  },
  {
    key: 'pool-history',
    title: 'pool.history',
    component: lazy(() => import('../pool/PoolHistoryPanel').then((m) => ({ default: m.PoolHistoryPanel }))),
  },
  {
    key: 'opportunities',
    title: 'opportunities.title',
    visible: (p) => can(p, 'opportunities', 'read'),
    component: lazy(() => import('../opportunities/OpportunitiesPanel').then((m) => ({ default: m.OrganizationOpportunitiesPanel }))),
  },
  {
    key: 'quotes',
    title: 'quotes.title',
    visible: (p) => can(p, 'quotes', 'read'),
    component: lazy(() => import('../quotes/QuotesPanel').then((m) => ({ default: m.OrganizationQuotesPanel }))),
  },
  {
    key: 'orders',
    title: 'orders.title',
    visible: (p) => can(p, 'orders', 'read'),
    component: lazy(() => import('../orders/OrdersPanel').then((m) => ({ default: m.OrganizationOrdersPanel }))),
  },
  {
    key: 'decision-chain',
    title: 'decisionChain.title',
    visible: (p) => can(p, 'key_accounts', 'read'),
    component: lazy(() => import('../decision-chain/ChainPanel').then((m) => ({ default: m.ChainPanel }))),
  },
  {
    key: 'assessments',
    title: 'assessments.panelTitle',
    visible: (p) => can(p, 'key_accounts', 'read'),
    component: lazy(() => import('../assessments/AssessmentPanel').then((m) => ({ default: m.AssessmentPanel }))),
  },
  {
    key: 'cards-archives',
    title: 'archives.panelTitle',
    visible: (p) => can(p, 'key_accounts', 'read'),
    component: lazy(() => import('../archives/CardsArchivesPanel').then((m) => ({ default: m.CardsArchivesPanel }))),
  },
];
