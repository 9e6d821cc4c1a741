import { CurrencySchema, NonNegativeMoneySchema, toMinor } from '../../../shared/money.js';
import { DateOnlySchema } from '../../../shared/schemas/opportunities.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { enumValue, importField, type Keyed, planBatch } from '../customers/party-import.js';
import { foldHeader, type Importer, type ImportFieldDef, type RowProblem } from '../imports/import-entities.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { opportunitiesByOrgAndName, opportunitiesRepository as repo } from './opportunities.repository.js';
import { indexNewOpportunities } from './opportunities.search.js';
import type { NewOpportunity, PipelineStageRow } from './opportunities.tables.js';
import { organizationLookup } from './organization-lookup.js';
import { pipelinesRepository as pipelines } from './pipelines.repository.js';

/**
 * Opportunities from a file (a spreadsheet of a team's pipeline): the customer is found by its name
 * among the organizations the importer may see, the stage by its name (English or Chinese) in the
 * default pipeline. A duplicate is a live deal with the same name at the same customer: skipped, or
 * with "update" its amount, currency and close date are updated (its stage moves only on the deal's
 * page or board, where the stage history and reasons are kept).
 */

const MODULE = 'opportunities' as const;

const FIELDS: ImportFieldDef[] = [
  importField('name', 'Name', '商机名称', ['商机', '项目名称', '项目', 'opportunity', 'deal', 'deal name', 'opportunity name'], true),
  importField('organization', 'Customer', '客户名称', ['客户', '公司', '公司名称', 'company', 'account', 'organization', 'customer'], true),
  importField('amount', 'Amount', '金额', ['商机金额', '预计金额', '合同金额', 'value', 'deal value']),
  importField('currency', 'Currency', '币种', ['货币', 'ccy']),
  importField('stage', 'Stage', '销售阶段', ['阶段', 'sales stage', 'deal stage']),
  importField('expectedCloseDate', 'Expected close date', '预计成交日期', ['成交日期', '预计签单日期', 'close date', 'expected close']),
  importField('ownerEmail', 'Owner e-mail', '负责人邮箱', ['负责人', '销售邮箱', 'owner', 'owner email', 'sales rep']),
  importField('nextStep', 'Next step', '下一步', ['下一步计划', 'next action']),
  importField('source', 'Source', '来源', ['商机来源', 'lead source']),
];

const CURRENCY_WORDS: Record<string, string> = { 人民币: 'CNY', rmb: 'CNY', 元: 'CNY', 美元: 'USD', 欧元: 'EUR', 港币: 'HKD', 港元: 'HKD', 英镑: 'GBP' };

interface Prepared extends Keyed {
  name: string;
  organizationId: string;
  amountMinor?: number;
  currency?: string;
  stage: PipelineStageRow;
  expectedCloseDate?: string;
  owner: Ownership;
  nextStep?: string;
  source?: string;
  given: Set<string>;
}

const dateOf = (text: string) =>
  text
    .trim()
    .replace(/[/.年月]/g, '-')
    .replace(/日$/, '')
    .replace(/-(\d)(?=-|$)/g, '-0$1');

export const opportunityImporter: Importer<Prepared> = {
  entity: MODULE,
  module: MODULE,

  fields: async () => FIELDS,

  async prepare(ctx, rows) {
    assertCan(ctx.actor, MODULE, 'create');
    const pipeline = await pipelines.findDefault(ctx.db);
    const stages = pipeline ? await pipelines.stagesOf(ctx.db, [pipeline.id]) : [];
    const stageByName = new Map<string, PipelineStageRow>();
    for (const s of stages) for (const n of [s.name, s.nameZh]) if (n) stageByName.set(foldHeader(n), s);
    const orgs = await organizationLookup(
      ctx,
      rows.map((r) => r.values.organization).filter((n): n is string => !!n),
    );
    const owners = new Map<string, Ownership | string>();
    const ok: Prepared[] = [];
    const problems: RowProblem[] = [];
    for (const { row, values: v } of rows) {
      const mine: RowProblem[] = [];
      const bad = (field: string, reason: string) => mine.push({ row, field, reason });
      const name = v.name?.trim().slice(0, 200);
      if (!name) bad('name', 'Required');
      const org = v.organization ? orgs.get(v.organization.trim()) : undefined;
      if (!v.organization) bad('organization', 'Required');
      else if (!org) bad('organization', 'No organization you can see has this name');
      else if (org === 'ambiguous') bad('organization', 'Several organizations have this name');
      const amount = v.amount === undefined ? undefined : NonNegativeMoneySchema.safeParse(v.amount.replace(/[,，\s¥$€]/g, ''));
      if (amount && !amount.success) bad('amount', amount.error.issues[0]?.message ?? 'Not an amount');
      const currency = v.currency === undefined ? undefined : CurrencySchema.safeParse(enumValue(v.currency, CURRENCY_WORDS)?.toUpperCase());
      if (currency && !currency.success) bad('currency', 'Use CNY, USD, EUR, HKD or GBP');
      const stage = v.stage === undefined ? stages[0] : stageByName.get(foldHeader(v.stage));
      if (!stage) bad(v.stage === undefined ? 'name' : 'stage', pipeline ? 'No stage of the default pipeline has this name' : 'Create a pipeline first');
      const close = v.expectedCloseDate === undefined ? undefined : DateOnlySchema.safeParse(dateOf(v.expectedCloseDate));
      if (close && !close.success) bad('expectedCloseDate', 'Enter a date as YYYY-MM-DD');
      let owner: Ownership | string | undefined = owners.get(v.ownerEmail ?? '');
      if (owner === undefined) {
        owner = await ownerOf(ctx, v.ownerEmail);
        owners.set(v.ownerEmail ?? '', owner);
      }
      if (typeof owner === 'string') bad('ownerEmail', owner);
      if (mine.length > 0 || typeof org !== 'string' || org === 'ambiguous' || !stage || typeof owner === 'string' || !name) {
        problems.push(...mine);
        continue;
      }
      ok.push({
        row,
        name,
        organizationId: org,
        ...(amount?.success && { amountMinor: toMinor(amount.data) }),
        ...(currency?.success && { currency: currency.data }),
        stage,
        ...(close?.success && { expectedCloseDate: close.data }),
        owner,
        ...(v.nextStep && { nextStep: v.nextStep.trim().slice(0, 500) }),
        ...(v.source && { source: v.source.trim().slice(0, 80) }),
        given: new Set(Object.keys(v)),
        keys: [`${org}:${name}`],
      });
    }
    return { ok, problems };
  },

  async write(ctx, trx, rows, mode) {
    const at = now();
    const existing = mode === 'create' ? new Map() : await opportunitiesByOrgAndName(trx, rows);
    const plan = planBatch(rows, new Map([...existing].map(([k, r]) => [k, r.id])), mode, (into, from) =>
      Object.assign(into, { ...from, row: into.row, given: new Set([...into.given, ...from.given]) }),
    );
    const problems: RowProblem[] = [];
    let updated = plan.merged;
    const mayUpdate = can(ctx.actor, MODULE, 'update');
    for (const { id, row } of plan.updates) {
      const current = mayUpdate ? await repo.findVisible(trx, ctx.actor, id) : undefined;
      if (!current) {
        problems.push({ row: row.row, field: null, reason: 'Matches an existing opportunity you may not edit' });
        continue;
      }
      const changed = await repo.update(trx, id, current.version, {
        ...(row.amountMinor !== undefined && { amountMinor: row.amountMinor }),
        ...(row.currency && { currency: row.currency }),
        ...(row.expectedCloseDate && { expectedCloseDate: row.expectedCloseDate }),
        ...(row.nextStep && { nextStep: row.nextStep }),
        updatedAt: at,
      });
      if (!changed) throw new Error(`opportunity ${id} changed during the import batch`);
      updated++;
    }
    const created: NewOpportunity[] = plan.creates.map((p) => ({
      id: newId(),
      name: p.name,
      organizationId: p.organizationId,
      pipelineId: p.stage.pipelineId,
      stageId: p.stage.id,
      status: p.stage.kind,
      amountMinor: p.amountMinor ?? 0,
      currency: p.currency ?? 'CNY',
      probability: p.stage.probability,
      expectedCloseDate: p.expectedCloseDate ?? null,
      closedAt: p.stage.kind === 'open' ? null : at,
      // A file rarely says why a closed deal was lost; "other" keeps the rule that lost deals carry a reason.
      closeReason: p.stage.kind === 'lost' ? 'other' : null,
      closeNote: null,
      nextStep: p.nextStep ?? null,
      description: null,
      leadId: null,
      source: p.source ?? null,
      stageEnteredAt: at,
      ownerId: p.owner.ownerId,
      teamId: p.owner.teamId,
      ...freshRecord(ctx.actor.userId, at),
    }));
    for (const row of created) {
      const inserted = await repo.insert(trx, row);
      await repo.enterStage(trx, {
        id: newId(),
        opportunityId: inserted.id,
        stageId: inserted.stageId,
        enteredAt: at,
        leftAt: null,
        movedBy: ctx.actor.userId,
      });
      if (inserted.status === 'won') await organizationsService.touchDeal(trx, inserted.organizationId, at);
    }
    await indexNewOpportunities(
      trx,
      created.map((r) => ({ id: r.id as string, name: r.name })),
    );
    return { created: created.length, updated, skipped: plan.skipped, problems };
  },
};

/** The owner a row asks for by e-mail (the importer when none): an error text when it cannot be. */
async function ownerOf(ctx: Ctx, email: string | undefined): Promise<Ownership | string> {
  const user = email ? await usersService.findLoginCandidate(ctx.db, email.trim().toLowerCase()) : undefined;
  if (email && !user) return 'No user has this e-mail';
  try {
    return (await resolveOwnership(ctx, MODULE, user?.id)) as Ownership;
  } catch (err) {
    if (err instanceof AppError) return err.fields?.ownerId ?? err.message;
    throw err;
  }
}
