import { Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { Contact } from '../../../shared/schemas/customers';

/** Each organization (a link when the user may open it) with the title and department there below it. */
export function ContactMemberships({ contact, linked }: { contact: Contact; linked: boolean }) {
  if (contact.organizations.length === 0) return <>—</>;
  return (
    <Flex vertical gap={4}>
      {contact.organizations.map((m) => (
        <Flex key={m.organizationId} vertical>
          {linked ? <Link to={`/organizations/${m.organizationId}`}>{m.organizationName}</Link> : <span>{m.organizationName}</span>}
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
