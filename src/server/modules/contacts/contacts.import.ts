import { type ContactCreate, ContactCreateSchema } from '../../../shared/schemas/customers.js';
import { insertObjects, insertRows } from '../../db/bulk-insert.js';
import type { Db } from '../../db/connection.js';
import type { ContactRow, NewContact } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { writeSearchDocuments } from '../../platform/search/index-writer.js';
import { customFieldsRepository } from '../custom-fields/custom-fields.repository.js';
import { parseCustomColumn } from '../custom-fields/custom-values.js';
import { contactPointsRepository } from '../customers/contact-points.repository.js';
import { organizationNameKey, personNameKey } from '../customers/name-key.js';
import { contactPointsOf, newPartyColumns } from '../customers/party.js';
import {
  checkCustom,
  customImportFields,
  customInput,
  fieldProblems,
  importField,
  type Keyed,
  PARTY_IMPORT_FIELDS,
  partyInput,
  partyUpdateChanges,
  phoneErrors,
  planBatch,
  regionOf,
  slices,
  zodProblems,
} from '../customers/party-import.js';
import { partySearchDocument } from '../customers/party-search.js';
import type { Importer, ImportFieldDef, RowProblem } from '../imports/import-entities.js';
import { organizationDuplicateLookups } from '../organizations/organizations.repository.js';
import { organizationsService } from '../organizations/organizations.service.js';
import type { RegionValue } from '../regions/region-fields.js';
import { contactsRepository as repo } from './contacts.repository.js';

/**
 * Contacts from a file, in bulk, by the rules of a single create. A contact is the same person when
 * a phone number or e-mail matches (names repeat too often to tell people apart). The organization
 * column links the contact to a visible organization of that name, with title and department.
 */

const MODULE = 'contacts' as const;

const FIELDS: ImportFieldDef[] = [
  importField('name', 'Name', '联系人', ['姓名', '联系人姓名', '名字', '客户联系人', 'contact', 'contact name', 'full name', 'person'], true),
  importField('organization', 'Organization', '公司名称', [
    '公司',
    '单位',
    '企业名称',
    '客户名称',
    '所属公司',
    'company',
    'company name',
    'organisation',
    'account',
    'employer',
  ]),
  importField('title', 'Job title', '职位', ['职务', '头衔', 'title', 'position', 'role']),
  importField('department', 'Department', '部门', ['所属部门', 'dept', 'division']),
  ...PARTY_IMPORT_FIELDS,
];

interface Prepared extends Keyed {
  input: ContactCreate;
  given: Set<string>;
  region?: RegionValue;
  custom: Record<string, unknown>;
}

/** Organization ids by the names in the batch, among live organizations the actor may see. */
async function organizationsByName(ctx: Ctx, names: string[]): Promise<Map<string, string>> {
  const keys = [...new Set(names.map(organizationNameKey))];
  const found = new Map<string, string>();
  for (const part of slices(keys, 500)) {
    const candidates = await organizationDuplicateLookups.byNameKeys(ctx.db, part, undefined, part.length * 5);
    const visible = await organizationsService.visibleIds(
      ctx,
      candidates.map((c) => c.id),
    );
    for (const c of candidates) if (visible.has(c.id) && !found.has(c.nameKey)) found.set(c.nameKey, c.id);
  }
  return found;
}

/**
 * Live contacts holding any of the batch's phone numbers or e-mails. Asked by (kind, value) alone:
 * with entity_type in the WHERE, SQLite without statistics (a fresh or young database) walks the
 * primary key's entity_type prefix, every contact point of every contact, once per batch.
 * An organization's point never joins a contact (ids are unique across tables); the type is checked anyway.
 */
async function existingKeys(trx: Db, rows: Prepared[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const keys = [...new Set(rows.flatMap((r) => r.keys))];
  for (const kind of ['phone', 'email'] as const) {
    const values = keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
    for (const part of slices(values, 500)) {
      const hits = await trx
        .selectFrom('contactPoints')
        .innerJoin('contacts', 'contacts.id', 'contactPoints.entityId')
        .select(['contactPoints.entityType', 'contactPoints.entityId', 'contactPoints.value'])
        .where('contactPoints.kind', '=', kind)
        .where('contactPoints.value', 'in', part)
        .where('contacts.deletedAt', 'is', null)
        .execute();
      for (const h of hits) if (h.entityType === MODULE) found.set(`${kind}:${h.value}`, h.entityId);
    }
  }
  return found;
}

function updateColumns(current: ContactRow, p: Prepared, at: string) {
  return {
    ...partyUpdateChanges(current, p.input, p.given, personNameKey),
    ...p.region,
    ...(Object.keys(p.custom).length > 0 && { custom: JSON.stringify({ ...parseCustomColumn(current.custom), ...p.custom }) }),
    updatedAt: at,
  };
}

function newRow(ctx: Ctx, p: Prepared, at: string): NewContact {
  return {
    id: newId(),
    ...newPartyColumns(p.input, personNameKey),
    country: p.region?.country ?? null,
    province: p.region?.province ?? null,
    city: p.region?.city ?? null,
    district: p.region?.district ?? null,
    ownerId: ctx.actor.userId,
    teamId: ctx.actor.teamId,
    custom: JSON.stringify(p.custom),
    lastActivityAt: null,
    ...freshRecord(ctx.actor.userId, at),
  };
}

function merge(into: Prepared, from: Prepared): void {
  for (const k of from.given) {
    const key = k as keyof ContactCreate;
    if (key === 'tags' || key === 'phones' || key === 'emails') {
      (into.input as Record<string, unknown>)[key] = [...((into.input[key] as unknown[]) ?? []), ...((from.input[key] as unknown[]) ?? [])];
    } else if (key in from.input) (into.input as Record<string, unknown>)[key] = from.input[key];
    into.given.add(k);
  }
  if (from.input.organizations?.length) into.input.organizations = from.input.organizations;
  if (from.region) into.region = from.region;
  Object.assign(into.custom, from.custom);
}

/** Links of new contacts, and links added to updated ones (a link the contact already has stays as it is). */
async function addMemberships(trx: Db, links: { contactId: string; organizationId: string; title: string | null; department: string | null }[], at: string) {
  if (links.length === 0) return;
  const existing = await trx
    .selectFrom('contactOrganizations')
    .select(['contactId', 'organizationId', 'position'])
    .where(
      'contactId',
      'in',
      links.map((l) => l.contactId),
    )
    .execute();
  const have = new Set(existing.map((e) => `${e.contactId}:${e.organizationId}`));
  const next = new Map<string, number>();
  for (const e of existing) next.set(e.contactId, Math.max(next.get(e.contactId) ?? 0, e.position + 1));
  const rows = links
    .filter((l) => !have.has(`${l.contactId}:${l.organizationId}`))
    .map((l) => {
      const position = next.get(l.contactId) ?? 0;
      next.set(l.contactId, position + 1);
      return { ...l, position, createdAt: at };
    });
  await insertObjects(trx, 'contactOrganizations', rows);
}

export const contactImporter: Importer<Prepared> = {
  entity: MODULE,
  module: MODULE,

  fields: async (db) => [...FIELDS, ...(await customImportFields(db, MODULE))],

  async prepare(ctx, rows) {
    assertCan(ctx.actor, MODULE, 'create');
    const customFields = await customFieldsRepository.liveFields(ctx.db, [MODULE]);
    const named = rows.map((r) => r.values.organization).filter((n): n is string => !!n);
    const organizations = named.length > 0 ? await organizationsByName(ctx, named) : new Map<string, string>();
    const ok: Prepared[] = [];
    const problems: RowProblem[] = [];
    // A file repeats a few dozen places over and over; reading a place's names is not free.
    const regions = new Map<string, ReturnType<typeof regionOf>>();
    for (const { row, values: v } of rows) {
      const rowProblems: RowProblem[] = [];
      const place = `${v.country}\u0001${v.province}\u0001${v.city}\u0001${v.district}`;
      const region = regions.get(place) ?? regionOf(v);
      regions.set(place, region);
      if (region.problem) rowProblems.push({ row, ...region.problem });
      const organizationId = v.organization ? organizations.get(organizationNameKey(v.organization)) : undefined;
      if (v.organization && !organizationId)
        rowProblems.push({ row, field: 'organization', reason: `No organization named ${v.organization} that you can see` });
      const parsed = ContactCreateSchema.safeParse({
        ...(v.name !== undefined && { name: v.name }),
        ...partyInput(v),
        ...(organizationId && { organizations: [{ organizationId, title: v.title ?? null, department: v.department ?? null }] }),
      });
      if (!parsed.success) rowProblems.push(...zodProblems(row, parsed.error));
      // Checked on the cells as typed too, so a row with several problems reports them all at once.
      rowProblems.push(...fieldProblems(row, phoneErrors(partyInput(v).phones?.filter((x) => x.number.length >= 3))));
      const checked = await checkCustom(ctx, MODULE, customFields, customInput(v, customFields));
      rowProblems.push(...fieldProblems(row, checked.errors));
      if (rowProblems.length > 0 || !parsed.success) {
        problems.push(...rowProblems);
        continue;
      }
      const input = parsed.data;
      const keys = contactPointsOf({ phones: JSON.stringify(input.phones ?? []), emails: JSON.stringify(input.emails ?? []) }).map(
        (p) => `${p.kind}:${p.value}`,
      );
      ok.push({ row, keys, input, given: new Set(Object.keys(v)), region: region.value, custom: checked.values ?? {} });
    }
    return { ok, problems };
  },

  async write(ctx, trx, rows, mode) {
    const at = now();
    const merged = new Set<Prepared>();
    const plan = planBatch(rows, mode === 'create' ? new Map() : await existingKeys(trx, rows), mode, (into, from) => {
      merged.add(into);
      merge(into, from);
    });
    const problems: RowProblem[] = [];
    const links: Parameters<typeof addMemberships>[1] = [];
    const linksOf = (contactId: string, p: Prepared) =>
      (p.input.organizations ?? []).map((m) => ({ contactId, organizationId: m.organizationId, title: m.title ?? null, department: m.department ?? null }));
    let updated = plan.merged;
    if (plan.updates.length > 0) {
      const ids = [...new Set(plan.updates.map((u) => u.id))];
      const visible = can(ctx.actor, MODULE, 'update') ? await repo.visibleIds(trx, ctx.actor, ids) : new Set<string>();
      for (const { id, row } of plan.updates) {
        const current = visible.has(id) ? await repo.findVisible(trx, ctx.actor, id) : undefined;
        if (!current) {
          problems.push({ row: row.row, field: null, reason: 'Matches an existing contact you may not edit' });
          continue;
        }
        const changed = await repo.update(trx, id, current.version, updateColumns(current, row, at));
        if (!changed) throw new Error(`contact ${id} changed during the import batch`);
        if (row.given.has('phones') || row.given.has('emails')) await contactPointsRepository.replace(trx, MODULE, id, contactPointsOf(changed));
        links.push(...linksOf(id, row));
        updated++;
      }
    }
    const created = plan.creates.map((p) => ({ row: newRow(ctx, p, at), p }));
    await insertObjects(
      trx,
      'contacts',
      created.map((c) => c.row),
    );
    // A row's keys are its normalised phones and e-mails; a row others were merged into has more.
    const points = created.flatMap(({ row, p }) =>
      (merged.has(p) ? contactPointsOf(row as ContactRow).map((x) => [x.kind, x.value]) : p.keys.map((k) => k.split(/:(.*)/s, 2))).map(([kind, value]) => [
        MODULE,
        row.id,
        kind,
        value,
      ]),
    );
    await insertRows(trx, 'contactPoints', ['entityType', 'entityId', 'kind', 'value'], points);
    links.push(...created.flatMap(({ row, p }) => linksOf(row.id, p)));
    await addMemberships(trx, links, at);
    await writeSearchDocuments(
      trx,
      MODULE,
      created.map(({ row }) => ({ id: row.id, doc: partySearchDocument(row as ContactRow) })),
      true,
    );
    return { created: created.length, updated, skipped: plan.skipped, problems };
  },
};
