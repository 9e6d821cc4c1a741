import type { TFunction } from 'i18next';
import type { Email, Phone, TIERS } from '../../../shared/schemas/customers';
import type { RegionNames } from '../../../shared/schemas/regions';
import { formatDate } from '../../lib/format';
import { TagList, TierTag } from '../customers/CustomerTags';
import { tierLabel } from '../customers/customerLabels';
import { OwnerName } from '../customers/OwnerName';
import { RegionName } from '../regions/RegionName';
import { useAllTeams } from '../teams/api';
import type { BuiltinColumn } from './listFields';

/** What organizations and contacts both have, as the list shows it. */
export interface PartyRecord {
  id: string;
  name: string;
  ownerId: string | null;
  teamId: string | null;
  tier: (typeof TIERS)[number] | null;
  source: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  regionNames: RegionNames;
  address: string | null;
  tags: string[];
  phones: Phone[];
  emails: Email[];
  lastActivityAt: string | null;
  createdAt: string;
  updatedAt: string;
  custom?: Record<string, unknown>;
}

function TeamName({ id }: { id: string | null }) {
  const teams = useAllTeams(!!id);
  if (!id) return null;
  return <>{teams.data?.find((x) => x.id === id)?.name ?? ''}</>;
}

const oneLine = { noWrap: true } as const;

/** Columns of the fields organizations and contacts share, keyed as in view-fields.ts. */
export function partyColumns<T extends PartyRecord>(t: TFunction): Record<string, BuiltinColumn<T>> {
  return {
    tier: { label: t('customers.tier'), ...oneLine, optionLabel: (v) => tierLabel(t, v), render: (r) => <TierTag tier={r.tier} /> },
    ownerId: { label: t('customers.owner'), ...oneLine, render: (r) => <OwnerName id={r.ownerId} /> },
    teamId: { label: t('customers.team'), ...oneLine, render: (r) => <TeamName id={r.teamId} /> },
    source: { label: t('customers.source'), ...oneLine },
    country: { label: t('listView.country'), ...oneLine, render: (r) => <RegionName name={r.regionNames.country} /> },
    province: { label: t('customers.province'), ...oneLine, render: (r) => <RegionName name={r.regionNames.province} /> },
    city: { label: t('customers.city'), ...oneLine, render: (r) => <RegionName name={r.regionNames.city} /> },
    district: { label: t('customers.district'), ...oneLine, render: (r) => <RegionName name={r.regionNames.district} /> },
    address: { label: t('customers.address'), minWidth: 160 },
    phones: { label: t('customers.phones'), ...oneLine, render: (r) => r.phones.map((p) => p.number).join(', ') },
    emails: { label: t('customers.emails'), ...oneLine, render: (r) => r.emails.map((e) => e.address).join(', ') },
    tags: { label: t('customers.tags'), render: (r) => <TagList tags={r.tags} /> },
    lastActivityAt: { label: t('customers.lastActivityAt'), ...oneLine, render: (r) => formatDate(r.lastActivityAt) },
    updatedAt: { label: t('customers.updatedAt'), ...oneLine, render: (r) => formatDate(r.updatedAt) },
    createdAt: { label: t('customers.createdAt'), ...oneLine, render: (r) => formatDate(r.createdAt) },
  };
}
