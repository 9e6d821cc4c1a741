import type { Contact } from '../../../shared/schemas/customers.js';
import type { ContactRow } from '../../db/schema.js';
import { auditableCustom, liveCustomValues, parseCustomColumn } from '../custom-fields/custom-values.js';
import { presentParty } from '../customers/party.js';
import { auditableMemberships, type Membership } from './memberships.js';

/** The API shape of a contact with its (live) organizations and the values of live custom fields (`liveKeys`). */
export function presentContact(row: ContactRow, organizations: Membership[], liveKeys: ReadonlySet<string> | 'all'): Contact {
  return { ...presentParty(row), organizations, custom: liveCustomValues(parseCustomColumn(row.custom), liveKeys) as Contact['custom'] };
}

/** The fields of a contact that the audit log records, memberships included. */
export function auditableContact(row: ContactRow, organizations: Membership[]): Record<string, unknown> {
  const { createdAt, updatedAt, version, lastActivityAt, custom, regionNames, ...rest } = presentContact(row, organizations, 'all');
  return { ...rest, organizations: auditableMemberships(organizations), ...auditableCustom(custom) };
}
