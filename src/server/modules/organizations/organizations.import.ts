import { type OrganizationCreate, OrganizationCreateSchema } from '../../../shared/schemas/customers.js';
import { insertObjects } from '../../db/bulk-insert.js';
import type { Db } from '../../db/connection.js';
import type { NewOrganization, OrganizationRow } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { writeSearchDocuments } from '../../platform/search/index-writer.js';
import { customFieldsRepository } from '../custom-fields/custom-fields.repository.js';
import { parseCustomColumn } from '../custom-fields/custom-values.js';
import { contactPointsRepository } from '../customers/contact-points.repository.js';
import { organizationNameKey } from '../customers/name-key.js';
import { type ContactPoint, contactPointsOf, newPartyColumns } from '../customers/party.js';
import {
  checkCustom,
  customImportFields,
  customInput,
  enumValue,
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
import { isValidUscc, normalizeUscc } from '../customers/uscc.js';
import type { Importer, ImportFieldDef, RowProblem } from '../imports/import-entities.js';
import type { RegionValue } from '../regions/region-fields.js';
import { organizationsRepository as repo } from './organizations.repository.js';

/**
 * Organizations from a file, in bulk: each row passes the rules of a single create (schema, phones,
 * USCC check character, regions, custom fields), a duplicate is found by USCC, name key, phone or
 * e-mail, and a batch is written with a few multi-row INSERTs.
 */

const MODULE = 'organizations' as const;

const FIELDS: ImportFieldDef[] = [
  importField(
    'name',
    'Name',
    '公司名称',
    [
      '客户名称',
      '企业名称',
      '单位名称',
      '机构名称',
      '名称',
      '公司',
      '客户',
      'company',
      'company name',
      'organization',
      'organisation',
      'account',
      'account name',
    ],
    true,
  ),
  importField('partyType', 'Type', '客户类型', ['类型', '类别', 'party type', 'customer type']),
  importField('lifecycleStatus', 'Status', '客户状态', ['状态', '阶段', 'lifecycle', 'stage', 'lifecycle status']),
  importField('industry', 'Industry', '行业', ['所属行业', 'sector']),
  importField('size', 'Size', '人员规模', ['规模', '员工人数', 'employees', 'company size', 'headcount']),
  importField('website', 'Website', '网址', ['网站', '官网', '公司网址', 'url', 'web', 'homepage']),
  importField('uscc', 'USCC', '统一社会信用代码', ['信用代码', '社会信用代码', '税号', 'credit code', 'unified social credit code', 'tax id']),
  ...PARTY_IMPORT_FIELDS,
];

const PARTY_TYPE_WORDS: Record<string, string> = {
  客户: 'customer',
  经销商: 'distributor',
  代理商: 'distributor',
  渠道商: 'distributor',
  供应商: 'supplier',
  合作伙伴: 'partner',
  伙伴: 'partner',
  竞争对手: 'competitor',
  竞品: 'competitor',
  媒体: 'media',
  其他: 'other',
};
const STATUS_WORDS: Record<string, string> = {
  潜在: 'potential',
  潜在客户: 'potential',
  意向: 'intended',
  意向客户: 'intended',
  现有: 'existing',
  成交: 'existing',
  成交客户: 'existing',
  现有客户: 'existing',
  已终止: 'terminated',
  终止: 'terminated',
  流失: 'terminated',
};
const SIZE_WORDS: Record<string, string> = {
  '120': '1-19',
  '2099': '20-99',
  '100499': '100-499',
  '500999': '500-999',
  '10004999': '1000-4999',
  '5000': '5000+',
};

interface Prepared extends Keyed {
  input: OrganizationCreate;
  /** Field keys that had a value in the row: an update changes only these. */
  given: Set<string>;
  region?: RegionValue;
  uscc: string | null;
  custom: Record<string, unknown>;
}

const pointKeys = (points: ContactPoint[]) => points.map((p) => `${p.kind}:${p.value}`);

function keysOf(p: Omit<Prepared, 'keys' | 'row'>): string[] {
  const phones = JSON.stringify(p.input.phones ?? []);
  const emails = JSON.stringify(p.input.emails ?? []);
  return [...(p.uscc ? [`uscc:${p.uscc}`] : []), `name:${organizationNameKey(p.input.name)}`, ...pointKeys(contactPointsOf({ phones, emails }))];
}

/** Live organizations holding any of the batch's keys, whoever owns them (the caller decides what scope allows). */
async function existingKeys(trx: Db, rows: Prepared[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const keys = [...new Set(rows.flatMap((r) => r.keys))];
  const byPrefix = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  for (const part of slices(byPrefix('name:'), 500)) {
    const hits = await trx.selectFrom('organizations').select(['id', 'nameKey']).where('nameKey', 'in', part).where('deletedAt', 'is', null).execute();
    for (const h of hits) if (!found.has(`name:${h.nameKey}`)) found.set(`name:${h.nameKey}`, h.id);
  }
  for (const part of slices(byPrefix('uscc:'), 500)) {
    const hits = await trx.selectFrom('organizations').select(['id', 'uscc']).where('uscc', 'in', part).where('deletedAt', 'is', null).execute();
    for (const h of hits) found.set(`uscc:${h.uscc}`, h.id);
  }
  for (const kind of ['phone', 'email'] as const) {
    for (const part of slices(byPrefix(`${kind}:`), 500)) {
      const hits = await trx
        .selectFrom('contactPoints')
        .innerJoin('organizations', 'organizations.id', 'contactPoints.entityId')
        .select(['contactPoints.entityType', 'contactPoints.entityId', 'contactPoints.value'])
        // Not by entity_type: SQLite without statistics would walk every organization's points by it (see contacts.import.ts).
        .where('contactPoints.kind', '=', kind)
        .where('contactPoints.value', 'in', part)
        .where('organizations.deletedAt', 'is', null)
        .execute();
      for (const h of hits) if (h.entityType === MODULE) found.set(`${kind}:${h.value}`, h.entityId);
    }
  }
  return found;
}

/** The columns an update from a row changes: given cells only; tags, phones and e-mails are added to, not replaced. */
function updateColumns(current: OrganizationRow, p: Prepared, at: string) {
  const party = partyUpdateChanges(current, p.input, p.given, organizationNameKey);
  return {
    ...party,
    ...p.region,
    ...(p.given.has('partyType') && { partyType: p.input.partyType }),
    ...(p.given.has('lifecycleStatus') && { lifecycleStatus: p.input.lifecycleStatus }),
    ...(p.given.has('industry') && { industry: p.input.industry ?? null }),
    ...(p.given.has('size') && { size: p.input.size ?? null }),
    ...(p.given.has('website') && { website: p.input.website ?? null }),
    ...(p.uscc && { uscc: p.uscc }),
    ...(Object.keys(p.custom).length > 0 && { custom: JSON.stringify({ ...parseCustomColumn(current.custom), ...p.custom }) }),
    updatedAt: at,
  };
}

function newRow(ctx: Ctx, p: Prepared, at: string): NewOrganization {
  return {
    id: newId(),
    ...newPartyColumns(p.input, organizationNameKey),
    country: p.region?.country ?? null,
    province: p.region?.province ?? null,
    city: p.region?.city ?? null,
    district: p.region?.district ?? null,
    partyType: p.input.partyType,
    lifecycleStatus: p.input.lifecycleStatus,
    industry: p.input.industry ?? null,
    size: p.input.size ?? null,
    website: p.input.website ?? null,
    uscc: p.uscc,
    ownerId: ctx.actor.userId,
    teamId: ctx.actor.teamId,
    ownedSince: at,
    custom: JSON.stringify(p.custom),
    lastActivityAt: null,
    ...freshRecord(ctx.actor.userId, at),
  };
}

/** A later row for the same new record: its given cells win, lists are joined. */
function merge(into: Prepared, from: Prepared): void {
  for (const k of from.given) {
    const key = k as keyof OrganizationCreate;
    if (key === 'tags' || key === 'phones' || key === 'emails') {
      (into.input as Record<string, unknown>)[key] = [...((into.input[key] as unknown[]) ?? []), ...((from.input[key] as unknown[]) ?? [])];
    } else if (key in from.input) (into.input as Record<string, unknown>)[key] = from.input[key];
    into.given.add(k);
  }
  if (from.region) into.region = from.region;
  if (from.uscc) into.uscc = from.uscc;
  Object.assign(into.custom, from.custom);
}

export const organizationImporter: Importer<Prepared> = {
  entity: MODULE,
  module: MODULE,

  fields: async (db) => [...FIELDS, ...(await customImportFields(db, MODULE))],

  async prepare(ctx, rows) {
    assertCan(ctx.actor, MODULE, 'create');
    const customFields = await customFieldsRepository.liveFields(ctx.db, [MODULE]);
    const ok: Prepared[] = [];
    const problems: RowProblem[] = [];
    for (const { row, values: v } of rows) {
      const rowProblems: RowProblem[] = [];
      const region = regionOf(v);
      if (region.problem) rowProblems.push({ row, ...region.problem });
      const custom = customInput(v, customFields);
      const parsed = OrganizationCreateSchema.safeParse({
        ...(v.name !== undefined && { name: v.name }),
        ...(v.partyType !== undefined && { partyType: enumValue(v.partyType, PARTY_TYPE_WORDS) }),
        ...(v.lifecycleStatus !== undefined && { lifecycleStatus: enumValue(v.lifecycleStatus, STATUS_WORDS) }),
        ...(v.industry !== undefined && { industry: v.industry }),
        ...(v.size !== undefined && { size: enumValue(v.size, SIZE_WORDS) }),
        ...(v.website !== undefined && { website: v.website }),
        ...(v.uscc !== undefined && { uscc: v.uscc }),
        ...partyInput(v),
      });
      if (!parsed.success) rowProblems.push(...zodProblems(row, parsed.error));
      const uscc = v.uscc ? normalizeUscc(v.uscc) : null;
      if (uscc && !isValidUscc(uscc))
        rowProblems.push({ row, field: 'uscc', reason: 'Not a valid unified social credit code (18 characters with a check character)' });
      // Checked on the cells as typed too, so a row with several problems reports them all at once.
      rowProblems.push(...fieldProblems(row, phoneErrors(partyInput(v).phones?.filter((x) => x.number.length >= 3))));
      const checked = await checkCustom(ctx, MODULE, customFields, custom);
      rowProblems.push(...fieldProblems(row, checked.errors));
      if (rowProblems.length > 0 || !parsed.success) {
        problems.push(...rowProblems);
        continue;
      }
      const p = { input: parsed.data, given: new Set(Object.keys(v)), region: region.value, uscc, custom: checked.values ?? {} };
      ok.push({ row, ...p, keys: keysOf(p) });
    }
    return { ok, problems };
  },

  async write(ctx, trx, rows, mode) {
    const at = now();
    const plan = planBatch(rows, mode === 'create' ? new Map() : await existingKeys(trx, rows), mode, merge);
    const problems: RowProblem[] = [];
    let updated = plan.merged;
    if (plan.updates.length > 0) {
      const ids = [...new Set(plan.updates.map((u) => u.id))];
      const mayUpdate = can(ctx.actor, MODULE, 'update');
      const visible = mayUpdate ? await repo.visibleIds(trx, ctx.actor, ids) : new Set<string>();
      for (const { id, row } of plan.updates) {
        if (!visible.has(id)) {
          problems.push({ row: row.row, field: null, reason: 'Matches an existing organization you may not edit' });
          continue;
        }
        const current = await repo.findVisible(trx, ctx.actor, id);
        if (!current) continue;
        const changed = await repo.update(trx, id, current.version, updateColumns(current, row, at));
        if (!changed) throw new Error(`organization ${id} changed during the import batch`);
        if (row.given.has('phones') || row.given.has('emails')) await contactPointsRepository.replace(trx, MODULE, id, contactPointsOf(changed));
        if (changed.lifecycleStatus !== current.lifecycleStatus) {
          await repo.insertTransition(trx, {
            id: newId(),
            organizationId: id,
            fromStatus: current.lifecycleStatus,
            toStatus: changed.lifecycleStatus,
            reason: 'import',
            actorId: ctx.actor.userId,
            at,
          });
        }
        updated++;
      }
    }
    const created = plan.creates.map((p) => newRow(ctx, p, at));
    await insertObjects(trx, 'organizations', created);
    const points = created.flatMap((r) =>
      contactPointsOf(r as Pick<OrganizationRow, 'phones' | 'emails'>).map((p) => ({ entityType: MODULE, entityId: r.id, ...p })),
    );
    await insertObjects(trx, 'contactPoints', points);
    const transitions = created.map((r) => ({
      id: newId(),
      organizationId: r.id,
      fromStatus: null,
      toStatus: r.lifecycleStatus,
      reason: null,
      actorId: ctx.actor.userId,
      at,
    }));
    await insertObjects(trx, 'lifecycleTransitions', transitions);
    await writeSearchDocuments(
      trx,
      MODULE,
      created.map((r) => ({ id: r.id, doc: partySearchDocument(r as Pick<OrganizationRow, 'id' | 'name' | 'phones' | 'emails' | 'deletedAt'>) })),
      true,
    );
    return { created: created.length, updated, skipped: plan.skipped, problems };
  },
};
