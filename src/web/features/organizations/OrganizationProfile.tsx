import { Descriptions, type DescriptionsProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../shared/schemas/customers';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { CustomFieldGroups } from '../custom-fields/CustomFieldGroups';
import { ContactPointsText } from '../customers/ContactPointFields';
import { LifecycleTag, TagList, TierTag } from '../customers/CustomerTags';
import { partyTypeLabel, sizeLabel } from '../customers/customerLabels';
import { OwnerName } from '../customers/OwnerName';
import { regionText } from '../regions/RegionName';
import { useAllTeams } from '../teams/api';

const dash = (v: string | null) => v || '—';

/** Only http(s) addresses become links; "www.example.com" gets its scheme added. */
function websiteHref(url: string): string | null {
  if (/^https?:\/\//i.test(url)) return url;
  if (/^[\w-]+(\.[\w-]+)+(\/.*)?$/.test(url)) return `https://${url}`;
  return null;
}

/** Every field of an organization, custom ones by group, for the profile card of its page. */
export function OrganizationProfile({ organization: o }: { organization: Organization }) {
  const { t, i18n } = useTranslation();
  const { permissions } = useCurrentUser();
  const teams = useAllTeams(can(permissions, 'teams', 'read'));
  const teamName = o.teamId ? (teams.data?.find((x) => x.id === o.teamId)?.name ?? '—') : '—';
  const href = o.website ? websiteHref(o.website) : null;

  const items: DescriptionsProps['items'] = [
    { key: 'partyType', label: t('customers.partyType'), children: partyTypeLabel(t, o.partyType) },
    { key: 'lifecycle', label: t('customers.lifecycleStatus'), children: <LifecycleTag status={o.lifecycleStatus} /> },
    { key: 'tier', label: t('customers.tier'), children: o.tier ? <TierTag tier={o.tier} /> : '—' },
    { key: 'owner', label: t('customers.owner'), children: <OwnerName id={o.ownerId} /> },
    { key: 'team', label: t('customers.team'), children: teamName },
    { key: 'industry', label: t('organizations.industry'), children: dash(o.industry) },
    { key: 'size', label: t('organizations.size'), children: o.size ? sizeLabel(t, o.size) : '—' },
    { key: 'source', label: t('customers.source'), children: dash(o.source) },
    {
      key: 'uscc',
      label: t('organizations.uscc'),
      children: o.uscc ? (
        <Typography.Text copyable={{ text: o.uscc }} style={{ fontFamily: 'monospace' }}>
          {o.uscc}
        </Typography.Text>
      ) : (
        '—'
      ),
    },
    {
      key: 'website',
      label: t('organizations.website'),
      children: o.website ? (
        href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {o.website}
          </a>
        ) : (
          o.website
        )
      ) : (
        '—'
      ),
    },
    {
      key: 'phones',
      label: t('customers.phones'),
      children: <ContactPointsText items={o.phones.map((p) => ({ label: p.label, value: p.number, href: `tel:${p.number.replace(/[^\d+]/g, '')}` }))} />,
    },
    {
      key: 'emails',
      label: t('customers.emails'),
      children: <ContactPointsText items={o.emails.map((e) => ({ label: e.label, value: e.address, href: `mailto:${e.address}` }))} />,
    },
    { key: 'region', label: t('customers.region'), children: regionText(o, i18n.language) || '—' },
    { key: 'address', label: t('customers.address'), children: dash(o.address) },
    { key: 'tags', label: t('customers.tags'), span: 'filled', children: o.tags.length > 0 ? <TagList tags={o.tags} /> : '—' },
    {
      key: 'notes',
      label: t('customers.notes'),
      span: 'filled',
      children: o.notes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.notes}</Typography.Paragraph> : '—',
    },
    { key: 'lastActivity', label: t('customers.lastActivityAt'), children: formatDateTime(o.lastActivityAt) || t('common.never') },
    { key: 'created', label: t('customers.createdAt'), children: formatDateTime(o.createdAt) },
    { key: 'updated', label: t('customers.updatedAt'), children: formatDateTime(o.updatedAt) },
  ];

  return (
    <>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} />
      <CustomFieldGroups entity="organizations" values={o.custom} />
    </>
  );
}
