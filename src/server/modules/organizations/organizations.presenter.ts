import type { LifecycleTransition, Organization } from '../../../shared/schemas/customers.js';
import type { LifecycleTransitionRow, OrganizationRow } from '../../db/schema.js';
import { auditableCustom, liveCustomValues, parseCustomColumn } from '../custom-fields/custom-values.js';
import { presentParty } from '../customers/party.js';

/**
 * The API shape of an organization: JSON columns parsed, no name key or deletion bookkeeping, custom
 * values of live fields only (`liveKeys` from customFieldsService.liveKeys).
 */
export function presentOrganization(row: OrganizationRow, liveKeys: ReadonlySet<string> | 'all'): Organization {
  return {
    ...presentParty(row),
    partyType: row.partyType as Organization['partyType'],
    lifecycleStatus: row.lifecycleStatus as Organization['lifecycleStatus'],
    industry: row.industry,
    size: row.size as Organization['size'],
    website: row.website,
    uscc: row.uscc,
    custom: liveCustomValues(parseCustomColumn(row.custom), liveKeys) as Organization['custom'],
  };
}

/** The fields of an organization that the audit log records (what a user can see and change). */
export function auditableOrganization(row: OrganizationRow): Record<string, unknown> {
  const { createdAt, updatedAt, version, lastActivityAt, custom, regionNames, ...rest } = presentOrganization(row, 'all');
  return { ...rest, ...auditableCustom(custom) };
}

export function presentTransition(row: LifecycleTransitionRow, names: Map<string, string>): LifecycleTransition {
  return {
    id: row.id,
    fromStatus: row.fromStatus as LifecycleTransition['fromStatus'],
    toStatus: row.toStatus as LifecycleTransition['toStatus'],
    reason: row.reason,
    actorId: row.actorId,
    actorName: row.actorId ? (names.get(row.actorId) ?? null) : null,
    at: row.at,
  };
}
