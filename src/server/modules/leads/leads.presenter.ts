import type { Lead, LeadSource, LeadStatus } from '../../../shared/schemas/leads.js';
import { regionData } from '../regions/regions.data.js';
import type { LeadRow } from './leads.tables.js';

/** Names a page of leads needs, looked up once per page. */
export interface LeadNames {
  users: Map<string, string>;
  organizations: Map<string, string>;
  contacts: Map<string, string>;
}

const divisionName = (code: string | null) => (code ? (regionData.division(code)?.name.zh ?? code) : null);

export function presentLead(row: LeadRow, names: LeadNames): Lead {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    title: row.title,
    phone: row.phone,
    email: row.email,
    source: row.source as LeadSource,
    status: row.status as LeadStatus,
    qualificationNotes: row.qualificationNotes,
    provinceCode: row.provinceCode,
    provinceName: divisionName(row.provinceCode),
    cityCode: row.cityCode,
    cityName: divisionName(row.cityCode),
    industry: row.industry,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.users.get(row.ownerId) ?? null) : null,
    teamId: row.teamId,
    convertedAt: row.convertedAt,
    convertedOrganizationId: row.convertedOrganizationId,
    convertedOrganizationName: row.convertedOrganizationId ? (names.organizations.get(row.convertedOrganizationId) ?? null) : null,
    convertedContactId: row.convertedContactId,
    convertedContactName: row.convertedContactId ? (names.contacts.get(row.convertedContactId) ?? null) : null,
    convertedOpportunityId: row.convertedOpportunityId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** What the audit log records of a lead: what a user sees and edits, not bookkeeping. */
export function auditableLead(row: LeadRow): Record<string, unknown> {
  const { createdAt, updatedAt, version, deletedAt, deletedBy, createdBy, ...rest } = row;
  return rest;
}
