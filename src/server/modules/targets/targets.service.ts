import type { Currency } from '../../../shared/money.js';
import { fromMinor, toMinor } from '../../../shared/money.js';
import type { Target, TargetCreate, TargetListQuery, TargetPeriod, TargetSubject, TargetUpdate } from '../../../shared/schemas/targets.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { assertTeamInScope } from '../../platform/grants.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { resolveOwnership } from '../customers/ownership.js';
import { teamsService } from '../teams/teams.service.js';
import { usersService } from '../users/users.service.js';
import { targetsRepository as repo, TARGET_SORT_COLUMNS } from './targets.repository.js';
import type { TargetRow } from './targets.tables.js';

const MODULE = 'targets';

const auditable = (r: TargetRow) => ({
  subjectType: r.subjectType,
  userId: r.userId,
  teamId: r.teamId,
  period: r.period,
  periodStart: r.periodStart,
  amount: fromMinor(r.amountMinor),
  currency: r.currency,
});

async function presentAll(ctx: Ctx, rows: TargetRow[]): Promise<Target[]> {
  const [users, teams] = await Promise.all([
    usersService.namesOf(
      ctx,
      rows.map((r) => r.userId).filter((id): id is string => !!id),
    ),
    teamsService.namesOf(
      ctx,
      rows.map((r) => r.teamId).filter((id): id is string => !!id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subjectType as TargetSubject,
    userId: r.userId,
    userName: r.userId ? (users.get(r.userId) ?? null) : null,
    teamId: r.teamId,
    teamName: r.teamId ? (teams.get(r.teamId) ?? null) : null,
    period: r.period as TargetPeriod,
    periodStart: r.periodStart,
    amount: fromMinor(r.amountMinor),
    currency: r.currency as Currency,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

async function loadVisible(ctx: Ctx, id: string): Promise<TargetRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Target');
  return row;
}

/**
 * Who the target is for, checked against the actor's targets scope: with own scope only oneself;
 * with team scope a user (through the ownership rules of customers) or a team of one's subtree.
 */
async function subjectOf(ctx: Ctx, input: TargetCreate): Promise<{ userId: string | null; teamId: string | null }> {
  if (input.subjectType === 'user') {
    try {
      const owner = await resolveOwnership(ctx, MODULE, input.userId as string);
      return { userId: owner?.ownerId ?? ctx.actor.userId, teamId: owner?.teamId ?? ctx.actor.teamId };
    } catch (err) {
      if (err instanceof AppError && err.fields?.ownerId) throw new AppError(err.code, err.message, err.status, { userId: err.fields.ownerId });
      throw err;
    }
  }
  const teamId = input.teamId as string;
  const path = await repo.teamPath(ctx.db, teamId);
  if (!path) throw badRequest('validation_failed', 'Some fields are invalid', { teamId: 'No such team' });
  assertTeamInScope(ctx.actor, MODULE, { id: teamId, path }, 'teamId');
  return { userId: null, teamId };
}

const duplicate = () => conflict('target_exists', 'This subject already has a target for this period and currency', { periodStart: 'Already set' });

export const targetsService = {
  async list(ctx: Ctx, q: TargetListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, TARGET_SORT_COLUMNS, 'targets.id', 'periodStart');
    const { rows, total } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: await presentAll(ctx, page.rows), nextCursor: page.nextCursor, total };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return (await presentAll(ctx, [await loadVisible(ctx, id)]))[0];
  },

  async create(ctx: Ctx, input: TargetCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const subject = await subjectOf(ctx, input);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const values = { subjectType: input.subjectType, ...subject, period: input.period, periodStart: input.periodStart, currency: input.currency };
      if (await repo.findSame(trx, values)) throw duplicate();
      const created = await repo.insert(trx, { id: newId(), ...values, amountMinor: toMinor(input.amount), ...freshRecord(ctx.actor.userId, at) });
      await auditAs(trx, ctx.actor, 'create', MODULE, created.id, { before: null, after: auditable(created) });
      return created;
    });
    return (await presentAll(ctx, [row]))[0];
  },

  async update(ctx: Ctx, id: string, input: TargetUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const row = await ctx.db.transaction().execute(async (trx) => {
      if (input.currency && input.currency !== current.currency) {
        const same = await repo.findSame(trx, { ...current, currency: input.currency });
        if (same) throw duplicate();
      }
      const updated = await repo.update(trx, id, input.version, {
        ...(input.amount !== undefined && { amountMinor: toMinor(input.amount) }),
        ...(input.currency !== undefined && { currency: input.currency }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', MODULE, id, { before: auditable(current), after: auditable(updated) });
      return updated;
    });
    return (await presentAll(ctx, [row]))[0];
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, MODULE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted target');
    if (await repo.findSame(ctx.db, current)) throw duplicate();
    await setDeleted(ctx, MODULE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },
};
