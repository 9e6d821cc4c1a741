import type {
  AssessmentCreate,
  AssessmentListQuery,
  AssessmentOverview,
  AssessmentUpdate,
  LatestAssessmentSummary,
  ScoreInput,
} from '../../../shared/schemas/assessments.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, conflict, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { type AssessmentContext, auditableAssessment, averageOf, presentAssessment, presentDimension } from './assessments.presenter.js';
import {
  ASSESSMENT_SORT_COLUMNS,
  deletedAssessments,
  dimensionsRepository,
  assessmentsRepository as repo,
  twoNewestPerOrganization,
} from './assessments.repository.js';
import type { AssessmentDimensionRow, AssessmentScoreRow, RelationshipAssessmentRow } from './assessments.tables.js';
import { dimensionsService } from './dimensions.service.js';
import { loadKeyAccount } from './key-account.js';

const MODULE = 'key_accounts';
const TYPE = 'relationship_assessments';
/** The trend shows at most this many assessments (years of quarterly scoring). */
const TREND_LIMIT = 100;
/** Dates a little ahead of UTC today are allowed: east of Greenwich it is already tomorrow. */
const FUTURE_SLACK_MS = 86_400_000;

/** Names, dimensions, scores and "is it the newest" for a set of assessments, each in one query. */
async function contextFor(ctx: Ctx, rows: RelationshipAssessmentRow[]): Promise<AssessmentContext> {
  const ids = rows.map((r) => r.id);
  const scoreRows = await repo.scoresOf(ctx.db, ids);
  const orgIds = [...new Set(rows.map((r) => r.organizationId))];
  const [organizations, dimensions, users, latest] = await Promise.all([
    organizationsService.namesOf(ctx, orgIds),
    dimensionsRepository.byIds(
      ctx.db,
      scoreRows.map((s) => s.dimensionId),
    ),
    usersService.namesOf(
      ctx,
      rows.map((r) => r.assessorId),
    ),
    Promise.all(orgIds.map((o) => repo.newest(ctx.db, o, 1))),
  ]);
  const scores = new Map<string, AssessmentScoreRow[]>();
  for (const s of scoreRows) scores.set(s.assessmentId, [...(scores.get(s.assessmentId) ?? []), s]);
  return {
    dimensions: new Map(dimensions.map((d) => [d.id, d])),
    scores,
    organizations,
    users,
    latestIds: new Set(latest.flat().map((r) => r.id)),
    actorId: ctx.actor.userId,
  };
}

async function presentAll(ctx: Ctx, rows: RelationshipAssessmentRow[]) {
  const c = await contextFor(ctx, rows);
  return rows.map((r) => presentAssessment(r, c));
}

async function loadVisible(ctx: Ctx, id: string) {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Assessment');
  return row;
}

function checkDate(assessedOn: string | undefined, fields: Record<string, string>) {
  if (assessedOn && Date.parse(`${assessedOn}T00:00:00Z`) > Date.now() + FUTURE_SLACK_MS) fields.assessedOn = 'Cannot be in the future';
}

/**
 * Scores must cover every active dimension exactly once, within 1…scale top; everything wrong is
 * named in one 400 (`scores.<i>.<field>` per entry, `scores` for what is missing).
 */
function checkScores(scores: ScoreInput[], active: AssessmentDimensionRow[], scaleMax: number, fields: Record<string, string>) {
  const activeIds = new Map(active.map((d) => [d.id, d]));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    if (!activeIds.has(s.dimensionId)) fields[`scores.${i}.dimensionId`] = 'Not an active dimension';
    else if (seen.has(s.dimensionId)) fields[`scores.${i}.dimensionId`] = 'Scored twice';
    seen.add(s.dimensionId);
    if (s.score < 1 || s.score > scaleMax) fields[`scores.${i}.score`] = `Must be from 1 to ${scaleMax}`;
  });
  const missing = active.filter((d) => !seen.has(d.id));
  if (missing.length > 0) fields.scores = `Score every active dimension; missing: ${missing.map((d) => d.key).join(', ')}`;
}

function throwIfAny(fields: Record<string, string>) {
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
}

const scoreRowsOf = (assessmentId: string, scores: ScoreInput[]): AssessmentScoreRow[] =>
  scores.map((s) => ({ assessmentId, dimensionId: s.dimensionId, score: s.score, comment: s.comment?.trim() || null }));

async function dimensionMap(db: Db, scores: AssessmentScoreRow[]) {
  const rows = await dimensionsRepository.byIds(
    db,
    scores.map((s) => s.dimensionId),
  );
  return new Map(rows.map((d) => [d.id, d]));
}

export const assessmentsService = {
  async list(ctx: Ctx, q: AssessmentListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    if (q.organizationId) await loadKeyAccount(ctx, q.organizationId);
    const keys = parseSort(q.sort, ASSESSMENT_SORT_COLUMNS, 'relationshipAssessments.id', '-assessedOn');
    const { rows, total } = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: await presentAll(ctx, page.rows), nextCursor: page.nextCursor, total };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return (await presentAll(ctx, [await loadVisible(ctx, id)]))[0];
  },

  async create(ctx: Ctx, input: AssessmentCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    await loadKeyAccount(ctx, input.organizationId);
    const [active, scale] = await Promise.all([dimensionsRepository.list(ctx.db, { active: true }), dimensionsService.scale(ctx.db)]);
    const fields: Record<string, string> = {};
    checkDate(input.assessedOn, fields);
    checkScores(input.scores, active, scale.max, fields);
    throwIfAny(fields);
    const id = newId();
    const scores = scoreRowsOf(id, input.scores);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insert(trx, {
        id,
        organizationId: input.organizationId,
        assessedOn: input.assessedOn,
        assessorId: ctx.actor.userId,
        scaleMax: scale.max,
        notes: input.notes?.trim() || null,
        ...freshRecord(ctx.actor.userId, at),
      });
      await repo.replaceScores(trx, id, scores);
      await auditAs(trx, ctx.actor, 'create', TYPE, id, { before: null, after: auditableAssessment(created, scores, await dimensionMap(trx, scores)) });
      return created;
    });
    return (await presentAll(ctx, [row]))[0];
  },

  /** Only its author may correct an assessment, and only while it is the account's newest: older ones are history. */
  async update(ctx: Ctx, id: string, input: AssessmentUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.assessorId !== ctx.actor.userId) throw new AppError('assessment_not_author', 'Only the author may change an assessment', 403);
    const [newest] = await repo.newest(ctx.db, current.organizationId, 1);
    if (newest?.id !== id) throw conflict('assessment_not_latest', 'A newer assessment exists; this one can no longer be changed');
    if (current.version !== input.version) throw versionConflict();
    const fields: Record<string, string> = {};
    checkDate(input.assessedOn, fields);
    let scale = current.scaleMax;
    if (input.scores) {
      const [active, scaleNow] = await Promise.all([dimensionsRepository.list(ctx.db, { active: true }), dimensionsService.scale(ctx.db)]);
      scale = scaleNow.max;
      checkScores(input.scores, active, scale, fields);
    }
    throwIfAny(fields);
    const before = await repo.scoresOf(ctx.db, [id]);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...(input.assessedOn !== undefined && { assessedOn: input.assessedOn }),
        ...(input.notes !== undefined && { notes: input.notes?.trim() || null }),
        scaleMax: scale,
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      const after = input.scores ? scoreRowsOf(id, input.scores) : before;
      if (input.scores) await repo.replaceScores(trx, id, after);
      const dims = await dimensionMap(trx, [...before, ...after]);
      await auditAs(trx, ctx.actor, 'update', TYPE, id, {
        before: auditableAssessment(current, before, dims),
        after: auditableAssessment(updated, after, dims),
      });
      return updated;
    });
    return (await presentAll(ctx, [row]))[0];
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, TYPE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted assessment');
    await setDeleted(ctx, TYPE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  listDeleted: (ctx: Ctx, page: { limit: number; cursor?: string }) => deletedAssessments(ctx.db, ctx.actor, page),

  /** The radar (latest against previous) and the trend of one account. */
  async overview(ctx: Ctx, organizationId: string): Promise<AssessmentOverview> {
    assertCan(ctx.actor, MODULE, 'read');
    const account = await loadKeyAccount(ctx, organizationId);
    const [rows, active, scale] = await Promise.all([
      repo.newest(ctx.db, organizationId, TREND_LIMIT),
      dimensionsRepository.list(ctx.db, { active: true }),
      dimensionsService.scale(ctx.db),
    ]);
    const c = await contextFor(ctx, rows);
    const [latest, previous] = rows.map((r) => presentAssessment(r, c));
    // The radar's axes: what is scored now, plus whatever the two compared assessments scored.
    const axes = new Map(active.map((d) => [d.id, d]));
    for (const a of [latest, previous])
      for (const s of a?.scores ?? []) if (!axes.has(s.dimensionId)) axes.set(s.dimensionId, c.dimensions.get(s.dimensionId) as AssessmentDimensionRow);
    const dimensions = [...axes.values()].filter(Boolean).sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
    return {
      organizationId,
      organizationName: account.name,
      scale,
      dimensions: dimensions.map(presentDimension),
      latest: latest ?? null,
      previous: previous ?? null,
      trend: [...rows].reverse().map((r) => {
        const scores = c.scores.get(r.id) ?? [];
        return {
          id: r.id,
          assessedOn: r.assessedOn,
          average: averageOf(scores),
          scaleMax: r.scaleMax,
          scores: Object.fromEntries(scores.map((s) => [s.dimensionId, s.score])),
        };
      }),
    };
  },
};

/**
 * For the key-account dashboard (CHAIN): each account's newest assessment and the average before it.
 * No scope check here: the caller passes only accounts it has already scoped.
 */
export async function latestAssessmentSummaries(db: Db, organizationIds: string[]): Promise<Map<string, LatestAssessmentSummary>> {
  const result = new Map<string, LatestAssessmentSummary>();
  const unique = [...new Set(organizationIds)];
  // Chunked so a big dashboard stays under the databases' bound-parameter limits.
  for (let i = 0; i < unique.length; i += 500) {
    const ranked = await twoNewestPerOrganization(db, unique.slice(i, i + 500));
    const scores = await repo.scoresOf(
      db,
      ranked.map((r) => r.id),
    );
    const byAssessment = new Map<string, AssessmentScoreRow[]>();
    for (const s of scores) byAssessment.set(s.assessmentId, [...(byAssessment.get(s.assessmentId) ?? []), s]);
    const previous = new Map(ranked.filter((r) => Number(r.rank) === 2).map((r) => [r.organizationId, averageOf(byAssessment.get(r.id) ?? [])]));
    for (const r of ranked) {
      if (Number(r.rank) !== 1) continue;
      result.set(r.organizationId, {
        assessmentId: r.id,
        assessedOn: r.assessedOn,
        average: averageOf(byAssessment.get(r.id) ?? []),
        scaleMax: r.scaleMax,
        previousAverage: previous.get(r.organizationId) ?? null,
      });
    }
  }
  return result;
}

export interface AssessmentRef {
  id: string;
  assessedOn: string;
  average: number;
  scaleMax: number;
}

/**
 * For relationship plans (step 2): an assessment of the account by id, or its newest with 'latest';
 * null when there is none or it is not a live assessment of that account. The caller has scoped the account.
 */
export async function assessmentRef(db: Db, organizationId: string, id: string | 'latest'): Promise<AssessmentRef | null> {
  const row = id === 'latest' ? (await repo.newest(db, organizationId, 1))[0] : await repo.findInOrganization(db, organizationId, id);
  if (!row) return null;
  return { id: row.id, assessedOn: row.assessedOn, average: averageOf(await repo.scoresOf(db, [row.id])), scaleMax: row.scaleMax };
}
