import { Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../../../shared/schemas/customers';

type Membership = Contact['organizations'][number];

/**
 * Where the person works: a link when the user may open the organization, otherwise its name alone
 * (the server shows where a visible contact works even outside the user's scope, as a name only).
 */
export function MembershipOrganization({ membership: m }: { membership: Membership }) {
  const { t } = useTranslation();
  if (m.canOpen) return <Link to={`/organizations/${m.organizationId}`}>{m.organizationName}</Link>;
  return (
    <Tooltip title={t('contacts.organizationOutOfScope')}>
      <span>{m.organizationName}</span>
    </Tooltip>
  );
}

/** Each organization with the title and department there below it. */
export function ContactMemberships({ contact }: { contact: Contact }) {
  if (contact.organizations.length === 0) return <>—</>;
  return (
    <Flex vertical gap={4}>
      {contact.organizations.map((m) => (
        <Flex key={m.organizationId} vertical>
          <MembershipOrganization membership={m} />
          {(m.title || m.department) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[m.title, m.department].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
