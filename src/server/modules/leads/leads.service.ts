import type { LeadCreate, LeadListQuery, LeadUpdate } from '../../../shared/schemas/leads.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { contactsService } from '../contacts/contacts.service.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { checkRegion } from '../regions/region-fields.js';
import { usersService } from '../users/users.service.js';
import { assignByRules } from './assignment.js';
import { auditableLead, presentLead } from './leads.presenter.js';
import { LEAD_SORT_COLUMNS, leadsRepository as repo } from './leads.repository.js';
import type { LeadRow } from './leads.tables.js';

const MODULE = 'leads';

export async function presentLeads(ctx: { db: Db }, rows: LeadRow[]) {
  const ids = (pick: (r: LeadRow) => string | null) => rows.map(pick).filter((id): id is string => !!id);
  const [users, organizations, contacts] = await Promise.all([
    usersService.namesOf(
      ctx,
      ids((r) => r.ownerId),
    ),
    organizationsService.namesOf(
      ctx,
      ids((r) => r.convertedOrganizationId),
    ),
    contactsService.namesOf(
      ctx,
      ids((r) => r.convertedContactId),
    ),
  ]);
  return rows.map((r) => presentLead(r, { users, organizations, contacts }));
}

export async function loadVisibleLead(ctx: Ctx, id: string): Promise<LeadRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Lead');
  return row;
}

/** A converted lead is history: it keeps what it was when it became a customer. */
export function assertNotConverted(row: LeadRow): void {
  if (row.status === 'converted') throw conflict('locked', 'A converted lead cannot be changed');
}

const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

/** Province and city codes checked as organizations check theirs (China, GB/T 2260). */
function checkLeadRegion(input: Partial<LeadCreate>, current?: LeadRow) {
  const province = input.provinceCode !== undefined ? blank(input.provinceCode) : (current?.provinceCode ?? null);
  const city = input.cityCode !== undefined ? blank(input.cityCode) : (current?.cityCode ?? null);
  const { errors } = checkRegion({ province, city });
  const fields: Record<string, string> = {};
  if (errors.province) fields.provinceCode = errors.province;
  if (errors.city) fields.cityCode = errors.city;
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
  return { provinceCode: province ?? null, cityCode: city ?? null };
}

function fieldChanges(input: Partial<LeadCreate>) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.company !== undefined && { company: blank(input.company) }),
    ...(input.title !== undefined && { title: blank(input.title) }),
    ...(input.phone !== undefined && { phone: blank(input.phone) }),
    ...(input.email !== undefined && { email: blank(input.email) }),
    ...(input.source !== undefined && { source: input.source }),
    ...(input.status !== undefined && { status: input.status }),
    ...(input.qualificationNotes !== undefined && { qualificationNotes: blank(input.qualificationNotes) }),
    ...(input.industry !== undefined && { industry: blank(input.industry) }),
  };
}

/**
 * The owner of a new lead: the one asked for (already checked), else the assignment rules' pick,
 * else the creator. Runs inside the creating transaction, so a rule's turn is taken only when the
 * lead is written.
 */
export async function ownerOfNewLead(ctx: Ctx, trx: Db, explicit: Ownership | undefined, provinceCode: string | null): Promise<Ownership> {
  return explicit ?? (await assignByRules(trx, { provinceCode })) ?? { ownerId: ctx.actor.userId, teamId: ctx.actor.teamId };
}

/** The row of a new lead (imports write many through the same path). */
export function newLeadRow(ctx: Ctx, input: LeadCreate, region: { provinceCode: string | null; cityCode: string | null }, owner: Ownership, at: string) {
  return {
    id: newId(),
    name: input.name,
    company: null,
    title: null,
    phone: null,
    email: null,
    qualificationNotes: null,
    industry: null,
    ...fieldChanges(input),
    source: input.source,
    status: input.status ?? 'new',
    ...region,
    ownerId: owner.ownerId,
    teamId: owner.teamId,
    convertedAt: null,
    convertedOrganizationId: null,
    convertedContactId: null,
    convertedOpportunityId: null,
    ...freshRecord(ctx.actor.userId, at),
  };
}

export const leadsService = {
  async list(ctx: Ctx, q: LeadListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, LEAD_SORT_COLUMNS, 'leads.id', '-createdAt');
    const { rows, total } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: await presentLeads(ctx, page.rows), nextCursor: page.nextCursor, total };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return (await presentLeads(ctx, [await loadVisibleLead(ctx, id)]))[0];
  },

  async create(ctx: Ctx, input: LeadCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const region = checkLeadRegion(input);
    const explicit = input.ownerId === undefined ? undefined : await resolveOwnership(ctx, MODULE, input.ownerId);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const owner = await ownerOfNewLead(ctx, trx, explicit, region.provinceCode);
      const created = await repo.insert(trx, newLeadRow(ctx, input, region, owner, at));
      await auditAs(trx, ctx.actor, 'create', MODULE, created.id, { before: null, after: auditableLead(created) });
      return created;
    });
    return (await presentLeads(ctx, [row]))[0];
  },

  async update(ctx: Ctx, id: string, input: LeadUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisibleLead(ctx, id);
    assertNotConverted(current);
    if (current.version !== input.version) throw versionConflict();
    const region = input.provinceCode !== undefined || input.cityCode !== undefined ? checkLeadRegion(input, current) : undefined;
    const owner = await resolveOwnership(ctx, MODULE, input.ownerId, { ownerId: current.ownerId, teamId: current.teamId });
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, { ...fieldChanges(input), ...region, ...owner, updatedAt: at });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', MODULE, id, { before: auditableLead(current), after: auditableLead(updated) });
      return updated;
    });
    return (await presentLeads(ctx, [row]))[0];
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisibleLead(ctx, id);
    await setDeleted(ctx, MODULE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted lead');
    await setDeleted(ctx, MODULE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },
};
