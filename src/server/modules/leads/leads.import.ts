import { type LeadCreate, LeadCreateSchema } from '../../../shared/schemas/leads.js';
import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';
import { now } from '../../platform/ids.js';
import { assertCan, can } from '../../platform/permissions.js';
import { enumValue, importField, type Keyed, planBatch, regionOf, slices, zodProblems } from '../customers/party-import.js';
import type { Importer, ImportFieldDef, RowProblem } from '../imports/import-entities.js';
import { leadsRepository as repo } from './leads.repository.js';
import { newLeadRow, ownerOfNewLead } from './leads.service.js';

/**
 * Leads from a file (trade-show lists, web form exports): each row passes the rules of a single
 * create, a duplicate is a live lead with the same e-mail or phone, and rows without an owner go
 * through the assignment rules, as leads created one by one do.
 */

const MODULE = 'leads' as const;

const FIELDS: ImportFieldDef[] = [
  importField('name', 'Name', '姓名', ['联系人', '名字', '客户姓名', 'contact', 'contact name', 'full name', 'person'], true),
  importField('company', 'Company', '公司', ['公司名称', '单位', '企业名称', 'company name', 'organization', 'account']),
  importField('title', 'Job title', '职务', ['职位', '头衔', 'title', 'position']),
  importField('phone', 'Phone', '电话', ['手机', '手机号', '联系电话', 'mobile', 'tel', 'telephone']),
  importField('email', 'E-mail', '邮箱', ['电子邮件', '电子邮箱', 'email', 'mail']),
  importField('source', 'Source', '线索来源', ['来源', '渠道', 'lead source', 'channel']),
  importField('status', 'Status', '线索状态', ['状态', 'lead status']),
  importField('province', 'Province', '省份', ['省', '所在省份', 'state', 'region']),
  importField('city', 'City', '城市', ['市', '所在城市', 'town']),
  importField('industry', 'Industry', '行业', ['所属行业', 'sector']),
  importField('qualificationNotes', 'Qualification notes', '资格说明', ['备注', '说明', 'notes', 'comments', 'qualification']),
];

const SOURCE_WORDS: Record<string, string> = {
  展会: 'trade_show',
  会展: 'trade_show',
  tradeshow: 'trade_show',
  官网: 'website',
  网站: 'website',
  website: 'website',
  转介绍: 'referral',
  介绍: 'referral',
  推荐: 'referral',
  referral: 'referral',
  电话营销: 'telemarketing',
  电销: 'telemarketing',
  telemarketing: 'telemarketing',
  广告: 'advertising',
  advertising: 'advertising',
  其他: 'other',
  other: 'other',
};
const STATUS_WORDS: Record<string, string> = {
  新建: 'new',
  新线索: 'new',
  已联系: 'contacted',
  联系中: 'contacted',
  合格: 'qualified',
  已确认: 'qualified',
  不合格: 'unqualified',
  无效: 'unqualified',
};

interface Prepared extends Keyed {
  input: LeadCreate;
  given: Set<string>;
  region: { provinceCode: string | null; cityCode: string | null };
}

const keysOf = (input: LeadCreate) => [
  ...(input.email ? [`email:${input.email}`] : []),
  ...(input.phone ? [`phone:${input.phone.replace(/[^\d+]/g, '')}`] : []),
];

/** Live leads holding any of the batch's e-mails or phones, whoever owns them. */
async function existingKeys(trx: Db, rows: Prepared[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const emails = [...new Set(rows.map((r) => r.input.email).filter((e): e is string => !!e))];
  const phones = [...new Set(rows.map((r) => r.input.phone).filter((p): p is string => !!p))];
  for (const part of slices(emails, 500)) {
    const hits = await trx.selectFrom('leads').select(['id', 'email']).where('email', 'in', part).where('deletedAt', 'is', null).execute();
    for (const h of hits) found.set(`email:${h.email}`, h.id);
  }
  for (const part of slices(phones, 500)) {
    const hits = await trx.selectFrom('leads').select(['id', 'phone']).where('phone', 'in', part).where('deletedAt', 'is', null).execute();
    for (const h of hits) found.set(`phone:${(h.phone as string).replace(/[^\d+]/g, '')}`, h.id);
  }
  return found;
}

function merge(into: Prepared, from: Prepared): void {
  for (const k of from.given) {
    const key = k as keyof LeadCreate;
    if (key in from.input) (into.input as Record<string, unknown>)[key] = from.input[key];
    into.given.add(k);
  }
  if (from.given.has('province') || from.given.has('city')) into.region = from.region;
}

export const leadImporter: Importer<Prepared> = {
  entity: MODULE,
  module: MODULE,

  fields: async () => FIELDS,

  async prepare(ctx, rows) {
    assertCan(ctx.actor, MODULE, 'create');
    const ok: Prepared[] = [];
    const problems: RowProblem[] = [];
    for (const { row, values: v } of rows) {
      const rowProblems: RowProblem[] = [];
      const region = v.province !== undefined || v.city !== undefined ? regionOf({ province: v.province, city: v.city } as Record<string, string>) : {};
      if (region.problem) rowProblems.push({ row, ...region.problem });
      const parsed = LeadCreateSchema.safeParse({
        ...(v.name !== undefined && { name: v.name }),
        ...(v.company !== undefined && { company: v.company }),
        ...(v.title !== undefined && { title: v.title }),
        ...(v.phone !== undefined && { phone: v.phone }),
        ...(v.email !== undefined && { email: v.email }),
        source: v.source === undefined ? 'other' : enumValue(v.source, SOURCE_WORDS),
        ...(v.status !== undefined && { status: enumValue(v.status, STATUS_WORDS) }),
        ...(v.industry !== undefined && { industry: v.industry }),
        ...(v.qualificationNotes !== undefined && { qualificationNotes: v.qualificationNotes }),
      });
      if (!parsed.success) rowProblems.push(...zodProblems(row, parsed.error));
      if (region.value && region.value.country !== null && region.value.country !== 'CN') {
        rowProblems.push({ row, field: 'province', reason: 'Provinces are known only for China' });
      }
      if (rowProblems.length > 0 || !parsed.success) {
        problems.push(...rowProblems);
        continue;
      }
      ok.push({
        row,
        input: parsed.data,
        given: new Set(Object.keys(v)),
        region: { provinceCode: region.value?.province ?? null, cityCode: region.value?.city ?? null },
        keys: keysOf(parsed.data),
      });
    }
    return { ok, problems };
  },

  async write(ctx, trx, rows, mode) {
    const at = now();
    const plan = planBatch(rows, mode === 'create' ? new Map() : await existingKeys(trx, rows), mode, merge);
    const problems: RowProblem[] = [];
    let updated = plan.merged;
    const mayUpdate = can(ctx.actor, MODULE, 'update');
    for (const { id, row } of plan.updates) {
      const current = mayUpdate ? await repo.findVisible(trx, ctx.actor, id) : undefined;
      if (!current || current.status === 'converted') {
        problems.push({ row: row.row, field: null, reason: current ? 'Matches a converted lead' : 'Matches an existing lead you may not edit' });
        continue;
      }
      const given = (k: string) => row.given.has(k);
      const changed = await repo.update(trx, id, current.version, {
        ...(given('name') && { name: row.input.name }),
        ...(given('company') && { company: row.input.company ?? null }),
        ...(given('title') && { title: row.input.title ?? null }),
        ...(given('phone') && { phone: row.input.phone ?? null }),
        ...(given('email') && { email: row.input.email || null }),
        ...(given('source') && { source: row.input.source }),
        ...(given('status') && row.input.status && { status: row.input.status }),
        ...(given('industry') && { industry: row.input.industry ?? null }),
        ...(given('qualificationNotes') && { qualificationNotes: row.input.qualificationNotes ?? null }),
        ...((given('province') || given('city')) && row.region),
        updatedAt: at,
      });
      if (!changed) throw new Error(`lead ${id} changed during the import batch`);
      updated++;
    }
    const c: Ctx = { ...ctx, db: trx };
    for (const p of plan.creates) {
      const owner = await ownerOfNewLead(c, trx, undefined, p.region.provinceCode);
      await repo.insert(trx, newLeadRow(c, p.input, p.region, owner, at));
    }
    return { created: plan.creates.length, updated, skipped: plan.skipped, problems };
  },
};
