import type { ComponentType } from 'react';
import type { Organization } from '../../../shared/schemas/customers';
import type { Permissions } from '../../../shared/schemas/permissions';

export interface OrganizationPanel {
  /** Stable id, also the React key. */
  key: string;
  /** i18n key of the panel's title. */
  title: string;
  /** Left out when the user may not read the module behind it, e.g. `(p) => can(p, 'opportunities', 'read')`. */
  visible?: (permissions: Permissions) => boolean;
  /** Preferably `lazy(() => import(…))`, so the detail page does not load every module's code. */
  component: ComponentType<{ organization: Organization }>;
}

/**
 * Panels that later modules add to the organization page (opportunities, quotes, orders, tickets,
 * relationship map…): each module appends its entry here. Empty until such a module exists.
 */
export const ORGANIZATION_PANELS: OrganizationPanel[] = [];
