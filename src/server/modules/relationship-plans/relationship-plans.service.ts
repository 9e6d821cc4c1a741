import type { PlanCreate, PlanListQuery, PlanUpdate, TargetInput } from '../../../shared/schemas/relationship-plans.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db-errors.js';
import { badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { assessmentRef } from '../assessments/assessments.service.js';
import { loadKeyAccount } from '../assessments/key-account.js';
import { listChainPeople } from '../decision-chain/decision-chain.service.js';
import { usersService } from '../users/users.service.js';
import { invalidLinks, readLinks } from './plan-links.js';
import { auditablePlan, presentPlan, presentPlanSummary, presentTarget } from './relationship-plans.presenter.js';
import { deletedPlans, type LinkKind, PLAN_SORT_COLUMNS, relationshipPlansRepository as repo } from './relationship-plans.repository.js';
import type { NewPlanTarget, PlanTargetRow, RelationshipPlanRow } from './relationship-plans.tables.js';

const MODULE = 'key_accounts';
const TYPE = 'relationship_plans';
const LINK_FIELDS: Record<LinkKind, 'opportunityIds' | 'activityIds' | 'taskIds'> = {
  opportunity: 'opportunityIds',
  activity: 'activityIds',
  task: 'taskIds',
};
const today = () => new Date().toISOString().slice(0, 10);
const yearTaken = (year: number) => conflict('plan_year_taken', `This account already has a plan for ${year}`, { year: 'Already planned' });

async function loadVisible(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Relationship plan');
  return row;
}

/**
 * Everything zod cannot judge, in one 400: targets name people of this account's chain, fall within
 * the plan year and have one target per person; owners are users; links are the account's records
 * the actor can see; the assessment is one of the account's. Returns the target rows to write.
 */
async function checkPlan(ctx: Ctx, organizationId: string, year: number, input: Partial<PlanCreate>, planId: string, existing: PlanTargetRow[] = []) {
  const fields: Record<string, string> = {};
  const ownerIds = [input.ownerId, ...(input.targets ?? []).map((t) => t.ownerId)].filter((u): u is string => !!u);
  const [users, people] = await Promise.all([
    usersService.namesOf(ctx, ownerIds),
    input.targets?.length ? listChainPeople(ctx.db, ctx, organizationId) : Promise.resolve([]),
  ]);
  if (input.ownerId && !users.has(input.ownerId)) fields.ownerId = 'No such user';
  if (input.assessmentId && !(await assessmentRef(ctx.db, organizationId, input.assessmentId))) fields.assessmentId = 'Not an assessment of this account';
  for (const kind of Object.keys(LINK_FIELDS) as LinkKind[]) {
    const ids = input[LINK_FIELDS[kind]];
    if (!ids?.length) continue;
    if (new Set(ids).size !== ids.length) fields[LINK_FIELDS[kind]] = 'Listed twice';
    const bad = await invalidLinks(ctx, kind, ids, organizationId);
    if (bad.length > 0) fields[LINK_FIELDS[kind]] = `Not a record of this account that you can see: ${bad.join(', ')}`;
  }
  const targets =
    input.targets === undefined ? undefined : checkTargets(input.targets, { people: new Set(people.map((p) => p.id)), users, year, planId, existing }, fields);
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
  return targets;
}

function checkTargets(
  targets: TargetInput[],
  c: { people: Set<string>; users: Map<string, string>; year: number; planId: string; existing: PlanTargetRow[] },
  fields: Record<string, string>,
): NewPlanTarget[] {
  const at = now();
  const kept = new Map(c.existing.map((t) => [t.id, t]));
  const persons = new Set<string>();
  return targets.map((t, i) => {
    const f = (name: string, message: string) => {
      fields[`targets.${i}.${name}`] = message;
    };
    if (!c.people.has(t.chainPersonId)) f('chainPersonId', "Not a person of this account's decision chain");
    else if (persons.has(t.chainPersonId)) f('chainPersonId', 'This person already has a target in the plan');
    persons.add(t.chainPersonId);
    if (t.dueOn && Number(t.dueOn.slice(0, 4)) !== c.year) f('dueOn', `Must fall within ${c.year}`);
    if (t.ownerId && !c.users.has(t.ownerId)) f('ownerId', 'No such user');
    // An unknown id is a new target: ids are the server's to give.
    const previous = t.id ? kept.get(t.id) : undefined;
    if (previous) kept.delete(previous.id);
    return {
      id: previous?.id ?? newId(),
      planId: c.planId,
      chainPersonId: t.chainPersonId,
      fromSupport: t.fromSupport,
      toSupport: t.toSupport,
      dueOn: t.dueOn ?? null,
      measures: t.measures?.trim() || null,
      ownerId: t.ownerId ?? null,
      status: t.status ?? previous?.status ?? 'not_started',
      sortOrder: i,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
  });
}

async function writeLinks(trx: Ctx['db'], planId: string, input: Partial<PlanCreate>, at: string) {
  for (const kind of Object.keys(LINK_FIELDS) as LinkKind[]) {
    const ids = input[LINK_FIELDS[kind]];
    if (ids !== undefined) await repo.replaceLinks(trx, planId, kind, ids, at);
  }
}

async function present(ctx: Ctx, row: RelationshipPlanRow, organizationName: string | null) {
  const [targets, links] = await Promise.all([repo.targets(ctx.db, [row.id]), repo.links(ctx.db, row.id)]);
  const ids = (kind: LinkKind) => links.filter((l) => l.kind === kind).map((l) => l.targetId);
  const [people, users, assessment, latestAssessment, opportunity, activity, task] = await Promise.all([
    targets.length ? listChainPeople(ctx.db, ctx, row.organizationId) : Promise.resolve([]),
    usersService.namesOf(ctx, [row.ownerId, ...targets.map((t) => t.ownerId).filter((u): u is string => !!u)]),
    row.assessmentId ? assessmentRef(ctx.db, row.organizationId, row.assessmentId) : Promise.resolve(null),
    assessmentRef(ctx.db, row.organizationId, 'latest'),
    readLinks(ctx, 'opportunity', ids('opportunity')),
    readLinks(ctx, 'activity', ids('activity')),
    readLinks(ctx, 'task', ids('task')),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const day = today();
  return presentPlan(row, {
    organizationName,
    ownerName: users.get(row.ownerId) ?? null,
    assessment,
    latestAssessment,
    links: { opportunity, activity, task },
    targets: targets.map((t) => presentTarget(t, byId, users, day)),
  });
}

export const relationshipPlansService = {
  async list(ctx: Ctx, q: PlanListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    if (q.organizationId) await loadKeyAccount(ctx, q.organizationId);
    const keys = parseSort(q.sort, PLAN_SORT_COLUMNS, 'relationshipPlans.id', '-year');
    const { rows, total } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    const [targets, users] = await Promise.all([
      repo.targets(
        ctx.db,
        page.rows.map((r) => r.id),
      ),
      usersService.namesOf(
        ctx,
        page.rows.map((r) => r.ownerId),
      ),
    ]);
    return {
      items: page.rows.map((r) =>
        presentPlanSummary(
          r,
          targets.filter((t) => t.planId === r.id),
          users,
        ),
      ),
      nextCursor: page.nextCursor,
      total,
    };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    const row = await loadVisible(ctx, id);
    return present(ctx, row, row.organizationName);
  },

  async create(ctx: Ctx, input: PlanCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const account = await loadKeyAccount(ctx, input.organizationId);
    if (await repo.findForYear(ctx.db, input.organizationId, input.year)) throw yearTaken(input.year);
    const id = newId();
    const targets = (await checkPlan(ctx, input.organizationId, input.year, input, id)) ?? [];
    // Step 2 starts from where the account stands: its newest assessment unless another is named.
    const assessmentId = input.assessmentId === undefined ? ((await assessmentRef(ctx.db, input.organizationId, 'latest'))?.id ?? null) : input.assessmentId;
    const at = now();
    try {
      const row = await ctx.db.transaction().execute(async (trx) => {
        const created = await repo.insert(trx, {
          id,
          organizationId: input.organizationId,
          year: input.year,
          marketGoals: input.marketGoals?.trim() || null,
          notes: input.notes?.trim() || null,
          assessmentId,
          ownerId: input.ownerId ?? ctx.actor.userId,
          ...freshRecord(ctx.actor.userId, at),
        });
        await repo.replaceTargets(trx, id, targets);
        await writeLinks(trx, id, input, at);
        await auditAs(trx, ctx.actor, 'create', TYPE, id, {
          before: null,
          after: auditablePlan(created, await repo.targets(trx, [id]), await repo.links(trx, id)),
        });
        return created;
      });
      return present(ctx, row, account.name);
    } catch (err) {
      if (isUniqueViolation(err)) throw yearTaken(input.year);
      throw err;
    }
  },

  async update(ctx: Ctx, id: string, input: PlanUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const [beforeTargets, beforeLinks] = await Promise.all([repo.targets(ctx.db, [id]), repo.links(ctx.db, id)]);
    const targets = await checkPlan(ctx, current.organizationId, current.year, input, id, beforeTargets);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.marketGoals !== undefined && { marketGoals: input.marketGoals?.trim() || null }),
        ...(input.notes !== undefined && { notes: input.notes?.trim() || null }),
        ...(input.assessmentId !== undefined && { assessmentId: input.assessmentId }),
        ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      if (targets) await repo.replaceTargets(trx, id, targets);
      await writeLinks(trx, id, input, at);
      await auditAs(trx, ctx.actor, 'update', TYPE, id, {
        before: auditablePlan(current, beforeTargets, beforeLinks),
        after: auditablePlan(updated, await repo.targets(trx, [id]), await repo.links(trx, id)),
      });
      return updated;
    });
    return present(ctx, row, current.organizationName);
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, TYPE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  /** A plan comes back only while its year is free again. */
  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted relationship plan');
    if (await repo.findForYear(ctx.db, current.organizationId, current.year)) throw yearTaken(current.year);
    await setDeleted(ctx, TYPE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  listDeleted: (ctx: Ctx, page: { limit: number; cursor?: string }) => deletedPlans(ctx.db, ctx.actor, page),
};
