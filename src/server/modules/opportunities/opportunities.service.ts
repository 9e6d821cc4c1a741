import { fromMinor, toMinor, toMinorNumber } from '../../../shared/money.js';
import type { BoardQuery, OpportunityCreate, OpportunityListQuery, OpportunityUpdate } from '../../../shared/schemas/opportunities.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { contactsService } from '../contacts/contacts.service.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import {
  auditableOpportunity,
  type OpportunityNames,
  presentDetail,
  presentOpportunity,
  presentPipeline,
  weightedFromMinorPercent,
} from './opportunities.presenter.js';
import { OPPORTUNITY_SORT_COLUMNS, opportunitiesRepository as repo } from './opportunities.repository.js';
import { indexOpportunity } from './opportunities.search.js';
import type { OpportunityRow, OpportunityUpdateRow, PipelineStageRow } from './opportunities.tables.js';
import { pipelinesRepository as pipelines } from './pipelines.repository.js';

const MODULE = 'opportunities';
const BOARD_SORT = '-updatedAt';
type Fields = Record<string, string>;

async function namesFor(db: Db, rows: OpportunityRow[]): Promise<OpportunityNames> {
  const [organizations, users, stages] = await Promise.all([
    organizationsService.namesOf(
      { db },
      rows.map((r) => r.organizationId),
    ),
    usersService.namesOf(
      { db },
      rows.map((r) => r.ownerId).filter((id): id is string => !!id),
    ),
    pipelines.stagesById(
      db,
      rows.map((r) => r.stageId),
    ),
  ]);
  return { organizations, users, stages: new Map(stages.map((s) => [s.id, s])) };
}

async function presentAll(db: Db, rows: OpportunityRow[]) {
  const names = await namesFor(db, rows);
  return rows.map((r) => presentOpportunity(r, names));
}

async function detail(ctx: Ctx, row: OpportunityRow) {
  const [names, contacts, competitors] = await Promise.all([namesFor(ctx.db, [row]), repo.contactsOf(ctx.db, row.id), repo.competitorsOf(ctx.db, row.id)]);
  // A contact outside the actor's scope is shown as a role without a name.
  const visible = await contactsService.visibleIds(
    ctx,
    contacts.map((c) => c.contactId),
  );
  const contactNames = await contactsService.namesOf(ctx, [...visible]);
  return presentDetail(row, names, contacts, contactNames, competitors);
}

async function loadVisible(ctx: Ctx, id: string): Promise<OpportunityRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Opportunity');
  return row;
}

/**
 * The stage a deal goes to: the given stage (which must belong to the given pipeline, if any), or
 * the first stage of the given pipeline, or of the default pipeline.
 */
async function resolveStage(db: Db, pipelineId: string | undefined, stageId: string | undefined, fields: Fields): Promise<PipelineStageRow | undefined> {
  if (stageId) {
    const stage = await pipelines.findStage(db, stageId);
    if (!stage) fields.stageId = 'No such stage';
    else if (pipelineId && stage.pipelineId !== pipelineId) fields.stageId = 'This stage belongs to another pipeline';
    return stage;
  }
  const pipeline = pipelineId ? await pipelines.find(db, pipelineId) : await pipelines.findDefault(db);
  if (!pipeline) {
    fields.pipelineId = pipelineId ? 'No such pipeline' : 'Create a pipeline first';
    return undefined;
  }
  const [first] = await pipelines.stagesOf(db, [pipeline.id]);
  if (!first) fields.pipelineId = 'This pipeline has no stages';
  return first;
}

/** A deal entering a won stage says why; entering a lost one, which reason from the list. */
function checkClose(stage: PipelineStageRow | undefined, reason: string | null | undefined, note: string | null | undefined, fields: Fields) {
  if (stage?.kind === 'lost' && !reason) fields.closeReason = 'Choose why the deal was lost';
  if (stage?.kind === 'won' && !note?.trim()) fields.closeNote = 'Say why the deal was won';
}

/** The organization must be visible; new contacts must be visible and listed once. */
async function checkLinks(ctx: Ctx, input: Partial<OpportunityCreate>, current: OpportunityRow | undefined, fields: Fields) {
  if (input.organizationId !== undefined && input.organizationId !== current?.organizationId) {
    const seen = await organizationsService.visibleIds(ctx, [input.organizationId]);
    if (!seen.has(input.organizationId)) fields.organizationId = 'No such organization, or you cannot see it';
  }
  if (input.contacts) {
    const ids = input.contacts.map((c) => c.contactId);
    if (new Set(ids).size !== ids.length) {
      fields.contacts = 'List each contact once';
      return;
    }
    const already = current ? new Set((await repo.contactsOf(ctx.db, current.id)).map((c) => c.contactId)) : new Set<string>();
    const fresh = ids.filter((id) => !already.has(id));
    const seen = await contactsService.visibleIds(ctx, fresh);
    if (fresh.some((id) => !seen.has(id))) fields.contacts = 'No such contact, or you cannot see it';
  }
}

function fail(fields: Fields) {
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
}

/** A stage change: closes the current history entry, opens the next, and a won deal restarts its customer's pool clock. */
async function enterStage(trx: Db, ctx: Ctx, row: OpportunityRow, at: string) {
  await repo.enterStage(trx, { id: newId(), opportunityId: row.id, stageId: row.stageId, enteredAt: at, leftAt: null, movedBy: ctx.actor.userId });
  if (row.status === 'won') await organizationsService.touchDeal(trx, row.organizationId, at);
}

/** The columns a move into `stage` sets. */
function stageColumns(stage: PipelineStageRow, input: Partial<OpportunityCreate>, at: string): OpportunityUpdateRow {
  return {
    pipelineId: stage.pipelineId,
    stageId: stage.id,
    status: stage.kind,
    probability: input.probability ?? stage.probability,
    stageEnteredAt: at,
    closedAt: stage.kind === 'open' ? null : at,
    closeReason: stage.kind === 'lost' ? (input.closeReason ?? null) : null,
    closeNote: stage.kind === 'open' ? null : input.closeNote?.trim() || null,
  };
}

const orNull = (v: string | null | undefined) => v?.trim() || null;

/**
 * Creates an opportunity inside the caller's transaction: the lead conversion (modules/leads) creates
 * the organization, the contact and the deal in one transaction through this. Checks permission,
 * the organization, stage, contacts and ownership like POST /api/opportunities.
 */
export async function createOpportunity(trx: Db, ctx: Ctx, input: OpportunityCreate): Promise<{ id: string }> {
  assertCan(ctx.actor, MODULE, 'create');
  const c: Ctx = { ...ctx, db: trx };
  const fields: Fields = {};
  await checkLinks(c, input, undefined, fields);
  const stage = await resolveStage(trx, input.pipelineId, input.stageId, fields);
  checkClose(stage, input.closeReason, input.closeNote, fields);
  fail(fields);
  const owner = (await resolveOwnership(c, MODULE, input.ownerId)) as Ownership;
  const at = now();
  const created = await repo.insert(trx, {
    id: newId(),
    name: input.name,
    organizationId: input.organizationId,
    ...(stageColumns(stage as PipelineStageRow, input, at) as Required<
      Pick<OpportunityRow, 'pipelineId' | 'stageId' | 'status' | 'probability' | 'stageEnteredAt'>
    >),
    amountMinor: toMinor(input.amount ?? '0'),
    currency: input.currency ?? 'CNY',
    expectedCloseDate: input.expectedCloseDate ?? null,
    nextStep: orNull(input.nextStep),
    description: orNull(input.description),
    source: orNull(input.source),
    leadId: input.leadId ?? null,
    ownerId: owner.ownerId,
    teamId: owner.teamId,
    ...freshRecord(ctx.actor.userId, at),
  });
  await enterStage(trx, ctx, created, at);
  if (input.contacts) await repo.replaceContacts(trx, created.id, input.contacts, at);
  if (input.competitors) await repo.replaceCompetitors(trx, created.id, competitorRows(input.competitors, at));
  await indexOpportunity(trx, created);
  await auditAs(trx, ctx.actor, 'create', MODULE, created.id, {
    before: null,
    after: { ...auditableOpportunity(created), contacts: input.contacts ?? [], competitors: input.competitors ?? [] },
  });
  return { id: created.id };
}

function competitorRows(list: NonNullable<OpportunityCreate['competitors']>, at: string) {
  return list.map((c) => ({ id: newId(), name: c.name, strengths: orNull(c.strengths), weaknesses: orNull(c.weaknesses), createdAt: at }));
}

export const opportunitiesService = {
  async list(ctx: Ctx, q: OpportunityListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, OPPORTUNITY_SORT_COLUMNS, 'opportunities.id', BOARD_SORT);
    const { rows, ...count } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys, sortValue);
    return { items: await presentAll(ctx.db, page.rows), nextCursor: page.nextCursor, ...count };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return detail(ctx, await loadVisible(ctx, id));
  },

  async create(ctx: Ctx, input: OpportunityCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const { id } = await ctx.db.transaction().execute((trx) => createOpportunity(trx, ctx, input));
    return detail(ctx, await loadVisible(ctx, id));
  },

  async update(ctx: Ctx, id: string, input: OpportunityUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const fields: Fields = {};
    await checkLinks(ctx, input, current, fields);
    const movesPipeline = input.pipelineId !== undefined && input.pipelineId !== current.pipelineId;
    const movesStage = (input.stageId !== undefined && input.stageId !== current.stageId) || movesPipeline;
    const stage = movesStage ? await resolveStage(ctx.db, input.pipelineId ?? current.pipelineId, input.stageId, fields) : undefined;
    if (stage) checkClose(stage, input.closeReason, input.closeNote, fields);
    else {
      // Editing the reason of a deal that stays closed: it may change, not disappear.
      if (current.status === 'lost' && input.closeReason === null) fields.closeReason = 'A lost deal keeps a reason';
      if (current.status === 'won' && input.closeNote !== undefined && !input.closeNote?.trim()) fields.closeNote = 'A won deal keeps its reason';
    }
    fail(fields);
    const owner = await resolveOwnership(ctx, MODULE, input.ownerId, current);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const closed = current.status !== 'open';
      const updated = await repo.update(trx, id, input.version, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.organizationId !== undefined && { organizationId: input.organizationId }),
        ...(input.amount !== undefined && { amountMinor: toMinor(input.amount) }),
        ...(input.currency !== undefined && { currency: input.currency }),
        ...(input.probability !== undefined && { probability: input.probability }),
        ...(input.expectedCloseDate !== undefined && { expectedCloseDate: input.expectedCloseDate }),
        ...(input.nextStep !== undefined && { nextStep: orNull(input.nextStep) }),
        ...(input.description !== undefined && { description: orNull(input.description) }),
        ...(input.source !== undefined && { source: orNull(input.source) }),
        ...(input.leadId !== undefined && { leadId: input.leadId }),
        ...(!stage && closed && current.status === 'lost' && input.closeReason && { closeReason: input.closeReason }),
        ...(!stage && closed && input.closeNote !== undefined && { closeNote: orNull(input.closeNote) }),
        ...(stage && stageColumns(stage, input, at)),
        ...owner,
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      if (stage) await enterStage(trx, ctx, updated, at);
      if (input.contacts) await repo.replaceContacts(trx, id, input.contacts, at);
      if (input.competitors) await repo.replaceCompetitors(trx, id, competitorRows(input.competitors, at));
      if (input.name !== undefined) await indexOpportunity(trx, updated);
      await auditAs(trx, ctx.actor, 'update', MODULE, id, {
        before: auditableOpportunity(current),
        after: auditableOpportunity(updated),
        ...((input.contacts || input.competitors) && { meta: { contacts: input.contacts, competitors: input.competitors } }),
      });
      return updated;
    });
    return detail(ctx, row);
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, MODULE, id, true, async (trx, changes) => {
      const updated = await repo.update(trx, id, current.version, changes);
      if (updated) await indexOpportunity(trx, updated);
      return updated;
    });
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted opportunity');
    await setDeleted(ctx, MODULE, id, false, async (trx, changes) => {
      const updated = await repo.update(trx, id, current.version, changes);
      if (updated) await indexOpportunity(trx, updated);
      return updated;
    });
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  /** The kanban: per stage of one pipeline, the first cards and the totals of every card in scope, per currency. */
  async board(ctx: Ctx, q: BoardQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const pipeline = q.pipelineId ? await pipelines.find(ctx.db, q.pipelineId) : await pipelines.findDefault(ctx.db);
    if (!pipeline) throw notFound('Pipeline');
    const stages = await pipelines.stagesOf(ctx.db, [pipeline.id]);
    const filters = { ...q, pipelineId: pipeline.id };
    const keys = parseSort(BOARD_SORT, OPPORTUNITY_SORT_COLUMNS, 'opportunities.id', BOARD_SORT);
    const [totals, pages] = await Promise.all([
      repo.totals(ctx.db, ctx.actor, filters),
      Promise.all(stages.map(async (s) => toPage(await repo.column(ctx.db, ctx.actor, filters, s.id, q.perStage), q.perStage, keys, sortValue))),
    ]);
    const names = await namesFor(
      ctx.db,
      pages.flatMap((p) => p.rows),
    );
    return {
      pipeline: presentPipeline(pipeline, stages),
      columns: stages.map((s, i) => {
        const mine = totals.filter((t) => t.stageId === s.id);
        return {
          stage: presentPipeline(pipeline, [s]).stages[0],
          count: mine.reduce((n, t) => n + t.count, 0),
          totals: mine.map((t) => ({
            currency: t.currency as 'CNY',
            count: t.count,
            amount: fromMinor(t.amount),
            weightedAmount: weightedFromMinorPercent(t.weighted),
          })),
          items: pages[i].rows.map((r) => presentOpportunity(r, names)),
          nextCursor: pages[i].nextCursor,
        };
      }),
    };
  },

  /** Every stage the deal passed through, oldest first, with the time spent there (until now for the current one). */
  async stageHistory(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    await loadVisible(ctx, id);
    const rows = await repo.historyOf(ctx.db, id);
    const [stages, users] = await Promise.all([
      pipelines.stagesById(
        ctx.db,
        rows.map((r) => r.stageId),
      ),
      usersService.namesOf(
        ctx,
        rows.map((r) => r.movedBy).filter((u): u is string => !!u),
      ),
    ]);
    const byId = new Map(stages.map((s) => [s.id, s]));
    const at = Date.now();
    const items = rows.map((r) => {
      const stage = byId.get(r.stageId);
      return {
        id: r.id,
        stageId: r.stageId,
        stageName: stage?.name ?? '',
        stageNameZh: stage?.nameZh ?? null,
        enteredAt: r.enteredAt,
        leftAt: r.leftAt,
        seconds: Math.max(0, Math.floor(((r.leftAt ? Date.parse(r.leftAt) : at) - Date.parse(r.enteredAt)) / 1000)),
        movedBy: r.movedBy,
        movedByName: r.movedBy ? (users.get(r.movedBy) ?? null) : null,
      };
    });
    const perStage = new Map<string, { stageId: string; stageName: string; stageNameZh: string | null; seconds: number }>();
    for (const item of items) {
      const entry = perStage.get(item.stageId) ?? { stageId: item.stageId, stageName: item.stageName, stageNameZh: item.stageNameZh, seconds: 0 };
      entry.seconds += item.seconds;
      perStage.set(item.stageId, entry);
    }
    const order = (stageId: string) => byId.get(stageId)?.sortOrder ?? 0;
    return { items, perStage: [...perStage.values()].sort((a, b) => order(a.stageId) - order(b.stageId)) };
  },

  /** Which of `ids` the actor may see (none without read permission). */
  visibleIds: (ctx: Ctx, ids: string[]) => (can(ctx.actor, MODULE, 'read') ? repo.visibleIds(ctx.db, ctx.actor, ids) : Promise.resolve(new Set<string>())),
  /** Names of live opportunities by id (quotes and orders show which deal they belong to). */
  namesOf: (ctx: { db: Db }, ids: string[]) => repo.namesOf(ctx.db, ids),
};

/** Cursor values: minor amounts as numbers, whichever driver read them. */
function sortValue(row: OpportunityRow, field: string): unknown {
  if (field === 'amount') return toMinorNumber(row.amountMinor);
  return row[field as keyof OpportunityRow];
}
