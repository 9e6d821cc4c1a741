import { Card, Flex } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/schemas/customers';
import { PageLoading } from '../../components/PageLoading';
import { useCurrentUser } from '../auth/api';
import { CONTACT_PANELS, type ContactPanel } from './contactPanels';

/** The slot on the contact page where sales modules' panels appear; renders nothing while none are visible. */
export function ContactPanels({ contact, panels = CONTACT_PANELS }: { contact: Contact; panels?: ContactPanel[] }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  const shown = panels.filter((p) => p.visible?.(permissions) ?? true);
  if (shown.length === 0) return null;
  return (
    <Flex vertical gap={16}>
      {shown.map(({ key, title, component: Panel }) => (
        <Card key={key} title={t(title)}>
          <Suspense fallback={<PageLoading />}>
            <Panel contact={contact} />
          </Suspense>
        </Card>
      ))}
    </Flex>
  );
}
