import type { Contact } from '../../../shared/schemas/customers.js';
import type { ContactRow } from '../../db/schema.js';
import { auditableCustom, parseCustomColumn } from '../custom-fields/custom-values.js';
import { presentParty } from '../customers/party.js';
import { auditableMemberships, type Membership } from './memberships.js';

/** The API shape of a contact with its (live) organizations. */
export function presentContact(row: ContactRow, organizations: Membership[]): Contact {
  return { ...presentParty(row), organizations, custom: parseCustomColumn(row.custom) as Contact['custom'] };
}

/** The fields of a contact that the audit log records, memberships included. */
export function auditableContact(row: ContactRow, organizations: Membership[]): Record<string, unknown> {
  const { createdAt, updatedAt, version, lastActivityAt, custom, regionNames, ...rest } = presentContact(row, organizations);
  return { ...rest, organizations: auditableMemberships(organizations), ...auditableCustom(custom) };
}
