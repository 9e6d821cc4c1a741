import type { PoolEvent, PoolOrganization } from '../../../shared/schemas/pool.js';
import type { PoolEventRow } from '../../db/schema.js';
import { regionNames } from '../regions/region-fields.js';

export function presentPoolEvent(row: PoolEventRow, names: Map<string, string>): PoolEvent {
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    id: row.id,
    organizationId: row.organizationId,
    kind: row.kind as PoolEvent['kind'],
    actorId: row.actorId,
    actorName: name(row.actorId),
    fromOwnerId: row.fromOwnerId,
    fromOwnerName: name(row.fromOwnerId),
    toOwnerId: row.toOwnerId,
    toOwnerName: name(row.toOwnerId),
    teamId: row.teamId,
    reason: row.reason,
    at: row.at,
  };
}

type PoolRow = Omit<PoolOrganization, 'partyType' | 'lifecycleStatus' | 'tier' | 'regionNames' | 'pooledAt'> & {
  pooledAt: string | null;
  partyType: string;
  lifecycleStatus: string;
  tier: string | null;
};

export function presentPoolOrganization(row: PoolRow): PoolOrganization {
  return {
    id: row.id,
    name: row.name,
    partyType: row.partyType as PoolOrganization['partyType'],
    lifecycleStatus: row.lifecycleStatus as PoolOrganization['lifecycleStatus'],
    tier: row.tier as PoolOrganization['tier'],
    industry: row.industry,
    country: row.country,
    province: row.province,
    city: row.city,
    district: row.district,
    regionNames: regionNames(row),
    teamId: row.teamId,
    teamName: row.teamName,
    lastActivityAt: row.lastActivityAt,
    updatedAt: row.updatedAt,
    // Every pool record has it (written with the owner, filled by migration 0012); the fallback is for the type only.
    pooledAt: row.pooledAt ?? row.updatedAt,
  };
}
