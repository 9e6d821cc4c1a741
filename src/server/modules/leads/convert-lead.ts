import type { DuplicateMatch } from '../../../shared/schemas/duplicates.js';
import type { LeadConvert } from '../../../shared/schemas/leads.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, versionConflict } from '../../platform/errors.js';
import { now } from '../../platform/ids.js';
import { assertCan } from '../../platform/permissions.js';
import { contactsService } from '../contacts/contacts.service.js';
import { duplicatesService } from '../duplicates/duplicates.service.js';
import { createOpportunity } from '../opportunities/opportunities.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { auditableLead } from './leads.presenter.js';
import { leadsRepository as repo } from './leads.repository.js';
import { assertNotConverted, loadVisibleLead, presentLeads } from './leads.service.js';
import type { LeadRow } from './leads.tables.js';

/** Matches strong enough to reuse without asking: a similar name alone is not. */
const strongOrganization = (m: DuplicateMatch) => m.reasons.some((r) => r !== 'similarName');
const strongContact = (m: DuplicateMatch) =>
  m.reasons.includes('samePhone') || m.reasons.includes('sameEmail') || (m.reasons.includes('sameName') && !!m.sameOrganization);

const listOf = <T>(v: T | null) => (v ? [v] : []);

/** Errors of a step are reported under that step's name, e.g. `opportunity.pipelineId`. */
async function step<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.fields) {
      const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`${prefix}.${k}`, v]));
      throw new AppError(err.code, err.message, err.status, fields);
    }
    throw err;
  }
}

/** The organization to reuse: the one the client chose (it must be visible), else a strong duplicate. */
async function organizationToReuse(ctx: Ctx, lead: LeadRow, input: LeadConvert): Promise<string | undefined> {
  const chosen = input.organizationId ?? input.organization?.id;
  if (chosen) {
    if (!(await organizationsService.visibleIds(ctx, [chosen])).has(chosen))
      throw badRequest('validation_failed', 'Some fields are invalid', { organizationId: 'No such organization, or you cannot see it' });
    return chosen;
  }
  if (input.organization?.createNew) return undefined;
  const found = await duplicatesService.organizations(ctx, {
    name: lead.company ?? lead.name,
    phones: listOf(lead.phone),
    emails: listOf(lead.email),
  });
  return found.items.find(strongOrganization)?.id;
}

async function contactToReuse(ctx: Ctx, lead: LeadRow, input: LeadConvert, organizationId: string | undefined): Promise<string | undefined> {
  const chosen = input.contactId ?? input.contact?.id;
  if (chosen) {
    if (!(await contactsService.visibleIds(ctx, [chosen])).has(chosen))
      throw badRequest('validation_failed', 'Some fields are invalid', { contactId: 'No such contact, or you cannot see it' });
    return chosen;
  }
  if (input.contact?.createNew) return undefined;
  const found = await duplicatesService.contacts(ctx, { name: lead.name, phones: listOf(lead.phone), emails: listOf(lead.email), organizationId });
  return found.items.find(strongContact)?.id;
}

/**
 * Turns a lead into a customer in one transaction: the organization and the contact are reused
 * when the client picks them or the duplicate check finds a strong match, else created; the
 * opportunity is optional. Any failure (a bad opportunity included) leaves nothing behind. The lead
 * keeps its history and points at the three records from then on.
 */
export async function convertLead(ctx: Ctx, id: string, input: LeadConvert) {
  assertCan(ctx.actor, 'leads', 'update');
  const lead = await loadVisibleLead(ctx, id);
  assertNotConverted(lead);
  if (lead.version !== input.version) throw versionConflict();
  const reuseOrganization = await organizationToReuse(ctx, lead, input);
  const reuseContact = await contactToReuse(ctx, lead, input, reuseOrganization);
  const at = now();
  const region = { province: lead.provinceCode, city: lead.provinceCode ? lead.cityCode : null };
  const result = await ctx.db.transaction().execute(async (trx) => {
    const c: Ctx = { ...ctx, db: trx };
    const organizationId =
      reuseOrganization ??
      (
        await step('organization', () =>
          organizationsService.create(c, {
            name: input.organization?.name ?? lead.company ?? lead.name,
            partyType: 'customer',
            lifecycleStatus: 'potential',
            industry: lead.industry,
            source: lead.source,
            ...region,
            phones: lead.phone && !lead.company ? [{ number: lead.phone }] : [],
            emails: [],
          }),
        )
      ).id;
    const contactId =
      reuseContact ??
      (
        await step('contact', () =>
          contactsService.create(c, {
            name: lead.name,
            source: lead.source,
            ...region,
            phones: listOf(lead.phone).map((number) => ({ number })),
            emails: listOf(lead.email).map((address) => ({ address })),
            organizations: [{ organizationId, title: lead.title }],
          }),
        )
      ).id;
    const opportunity = input.opportunity
      ? await step('opportunity', () =>
          createOpportunity(trx, c, {
            name: (input.opportunity as NonNullable<LeadConvert['opportunity']>).name,
            organizationId,
            pipelineId: input.opportunity?.pipelineId,
            amount: input.opportunity?.amount,
            currency: input.opportunity?.currency,
            expectedCloseDate: input.opportunity?.expectedCloseDate,
            source: lead.source,
            leadId: lead.id,
            contacts: [{ contactId, buyingRole: 'other' }],
          }),
        )
      : null;
    const converted = await repo.update(trx, lead.id, lead.version, {
      status: 'converted',
      convertedAt: at,
      convertedOrganizationId: organizationId,
      convertedContactId: contactId,
      convertedOpportunityId: opportunity?.id ?? null,
      updatedAt: at,
    });
    if (!converted) throw versionConflict();
    await auditAs(trx, ctx.actor, 'update', 'leads', lead.id, {
      before: auditableLead(lead),
      after: auditableLead(converted),
      meta: { conversion: { organizationReused: !!reuseOrganization, contactReused: !!reuseContact } },
    });
    return { converted, organizationId, contactId, opportunityId: opportunity?.id ?? null };
  });
  return {
    lead: (await presentLeads(ctx, [result.converted]))[0],
    organizationId: result.organizationId,
    organizationReused: !!reuseOrganization,
    contactId: result.contactId,
    contactReused: !!reuseContact,
    opportunityId: result.opportunityId,
  };
}

/** What the convert dialog offers: the duplicate candidates and which of them the conversion would reuse. */
export async function conversionPreview(ctx: Ctx, id: string) {
  assertCan(ctx.actor, 'leads', 'update');
  const lead = await loadVisibleLead(ctx, id);
  const organizations = await duplicatesService.organizations(ctx, { name: lead.company ?? lead.name, phones: listOf(lead.phone), emails: listOf(lead.email) });
  const suggestedOrganizationId = organizations.items.find(strongOrganization)?.id ?? null;
  const contacts = await duplicatesService.contacts(ctx, {
    name: lead.name,
    phones: listOf(lead.phone),
    emails: listOf(lead.email),
    organizationId: suggestedOrganizationId ?? undefined,
  });
  return { organizations, contacts, suggestedOrganizationId, suggestedContactId: contacts.items.find(strongContact)?.id ?? null };
}
