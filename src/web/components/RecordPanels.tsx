import { Card, Flex } from 'antd';
import { type ComponentType, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permissions } from '../../shared/schemas/permissions';
import { useCurrentUser } from '../features/auth/api';
import { PageLoading } from './PageLoading';

/** A panel another module shows on a record's page (e.g. a customer's quotes), given the record as `P`. */
export interface RecordPanel<P extends object> {
  /** Stable id, also the React key. */
  key: string;
  /** i18n key of the panel's title. */
  title: string;
  /** Left out when the user may not read the module behind it, e.g. `(p) => can(p, 'quotes', 'read')`. */
  visible?: (permissions: Permissions) => boolean;
  /** Preferably `lazy(() => import(…))`, so the detail page does not load every module's code. */
  component: ComponentType<P>;
}

/** The slot on a record's page where other modules' panels appear; renders nothing while none are visible. */
export function RecordPanels<P extends object>({ panels, props }: { panels: RecordPanel<P>[]; props: P }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  const shown = panels.filter((p) => p.visible?.(permissions) ?? true);
  if (shown.length === 0) return null;
  return (
    <Flex vertical gap={16}>
      {shown.map(({ key, title, component: Panel }) => (
        <Card key={key} title={t(title)}>
          <Suspense fallback={<PageLoading />}>
            <Panel {...props} />
          </Suspense>
        </Card>
      ))}
    </Flex>
  );
}
