import type { Contact } from '../../../shared/schemas/customers.js';
import type { ContactRow } from '../../db/schema.js';
import { auditableCustom, liveCustomValues, parseCustomColumn } from '../custom-fields/custom-values.js';
import { presentParty } from '../customers/party.js';
import { auditableMemberships, type Membership } from './memberships.js';

/** What presenting depends on besides the row: the live custom fields, and the organizations the reader may open. */
export interface ContactView {
  liveKeys: ReadonlySet<string> | 'all';
  openable: ReadonlySet<string>;
}

/** The API shape of a contact with its (live) organizations and the values of live custom fields. */
export function presentContact(row: ContactRow, organizations: Membership[], view: ContactView): Contact {
  return {
    ...presentParty(row),
    organizations: organizations.map((m) => ({ ...m, canOpen: view.openable.has(m.organizationId) })),
    custom: liveCustomValues(parseCustomColumn(row.custom), view.liveKeys) as Contact['custom'],
  };
}

/** The fields of a contact that the audit log records, memberships included. */
export function auditableContact(row: ContactRow, organizations: Membership[]): Record<string, unknown> {
  const { createdAt, updatedAt, version, lastActivityAt, custom, regionNames, ...rest } = presentContact(row, organizations, {
    liveKeys: 'all',
    openable: new Set(),
  });
  return { ...rest, organizations: auditableMemberships(organizations), ...auditableCustom(custom) };
}
