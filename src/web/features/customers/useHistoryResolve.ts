import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../lib/permissions';
import type { ResolveName } from '../audit/AuditChanges';
import { useCurrentUser } from '../auth/api';
import { useRegionNameResolver } from '../regions/api';
import { useAllTeams } from '../teams/api';
import { customerValueLabel } from './customerLabels';
import { useOwnerName } from './OwnerName';

/** Names for the ids and codes in a customer record's history: owner, team, region, lifecycle, party type, tier, and any ids the page knows. */
export function useHistoryResolve(known?: Record<string, Map<string, string>>): ResolveName {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  const ownerName = useOwnerName();
  const teams = useAllTeams(can(permissions, 'teams', 'read'));
  const regionName = useRegionNameResolver();
  return useMemo(() => {
    const teamNames = new Map((teams.data ?? []).map((x) => [x.id, x.name]));
    return (field, value) => {
      if (field === 'ownerId') return ownerName(value);
      if (field === 'teamId') return teamNames.get(value);
      const region = regionName(field, value);
      if (region) return region;
      return known?.[field]?.get(value) ?? customerValueLabel(t, field, value);
    };
  }, [ownerName, teams.data, known, t, regionName]);
}
