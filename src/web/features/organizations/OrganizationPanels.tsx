import { Card, Flex } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../shared/schemas/customers';
import { PageLoading } from '../../components/PageLoading';
import { useCurrentUser } from '../auth/api';
import { ORGANIZATION_PANELS, type OrganizationPanel } from './organizationPanels';

/** The slot on the organization page where other modules' panels appear; renders nothing while none are registered. */
export function OrganizationPanels({ organization, panels = ORGANIZATION_PANELS }: { organization: Organization; panels?: OrganizationPanel[] }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  const shown = panels.filter((p) => p.visible?.(permissions) ?? true);
  if (shown.length === 0) return null;
  return (
    <Flex vertical gap={16}>
      {shown.map(({ key, title, component: Panel }) => (
        <Card key={key} title={t(title)}>
          <Suspense fallback={<PageLoading />}>
            <Panel organization={organization} />
          </Suspense>
        </Card>
      ))}
    </Flex>
  );
}
