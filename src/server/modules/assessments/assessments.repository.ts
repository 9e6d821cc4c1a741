import type { AssessmentListQuery } from '../../../shared/schemas/assessments.js';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, decodeCursor, encodeCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { ORGANIZATION_SCOPE } from '../organizations/organizations.repository.js';
import type {
  AssessmentDimensionRow,
  AssessmentDimensionUpdateRow,
  AssessmentScoreRow,
  NewAssessmentDimension,
  NewRelationshipAssessment,
  RelationshipAssessmentRow,
  RelationshipAssessmentUpdateRow,
} from './assessments.tables.js';

export const ASSESSMENT_SORT_COLUMNS = {
  assessedOn: 'relationshipAssessments.assessedOn',
  createdAt: 'relationshipAssessments.createdAt',
};

/** An assessment is seen through its account: key_accounts scope judged on the organization's owner and team. */
function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('relationshipAssessments')
    .innerJoin('organizations', 'organizations.id', 'relationshipAssessments.organizationId')
    .where('organizations.deletedAt', 'is', null)
    .where(scopeFilter(actor, 'key_accounts', ORGANIZATION_SCOPE))
    .where('relationshipAssessments.deletedAt', deleted ? 'is not' : 'is', null);
}

export const dimensionsRepository = {
  list(db: Db, opts: { active?: boolean; ids?: string[] } = {}): Promise<AssessmentDimensionRow[]> {
    return db
      .selectFrom('assessmentDimensions')
      .selectAll()
      .where('deletedAt', 'is', null)
      .$if(opts.active !== undefined, (qb) => qb.where('active', '=', opts.active ? 1 : 0))
      .orderBy('sortOrder')
      .orderBy('id')
      .execute();
  },

  /** By id, deleted ones included: old scores keep their dimension's name. */
  byIds(db: Db, ids: string[]): Promise<AssessmentDimensionRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('assessmentDimensions')
      .selectAll()
      .where('id', 'in', [...new Set(ids)])
      .execute();
  },

  find(db: Db, id: string): Promise<AssessmentDimensionRow | undefined> {
    return db.selectFrom('assessmentDimensions').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  keyTaken(db: Db, key: string): Promise<{ id: string } | undefined> {
    return db.selectFrom('assessmentDimensions').select('id').where('key', '=', key).executeTakeFirst();
  },

  insert(db: Db, row: NewAssessmentDimension): Promise<AssessmentDimensionRow> {
    return db.insertInto('assessmentDimensions').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: AssessmentDimensionUpdateRow): Promise<AssessmentDimensionRow | undefined> {
    return db
      .updateTable('assessmentDimensions')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },
};

export const assessmentsRepository = {
  async list(db: Db, actor: Actor, q: AssessmentListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.organizationId, (qb) => qb.where('relationshipAssessments.organizationId', '=', q.organizationId as string))
      .$if(!!q.assessorId, (qb) => qb.where('relationshipAssessments.assessorId', '=', q.assessorId as string))
      .$if(!!q.from, (qb) => qb.where('relationshipAssessments.assessedOn', '>=', q.from as string))
      .$if(!!q.to, (qb) => qb.where('relationshipAssessments.assessedOn', '<=', q.to as string));
    const rows = await orderBy(
      filtered.selectAll('relationshipAssessments').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<RelationshipAssessmentRow | undefined> {
    return visible(db, actor, opts).selectAll('relationshipAssessments').where('relationshipAssessments.id', '=', id).executeTakeFirst();
  },

  /** An account's live assessments, newest first (on the organization index). */
  newest(db: Db, organizationId: string, limit: number): Promise<RelationshipAssessmentRow[]> {
    return db
      .selectFrom('relationshipAssessments')
      .selectAll()
      .where('organizationId', '=', organizationId)
      .where('deletedAt', 'is', null)
      .orderBy('assessedOn', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },

  findInOrganization(db: Db, organizationId: string, id: string): Promise<RelationshipAssessmentRow | undefined> {
    return db
      .selectFrom('relationshipAssessments')
      .selectAll()
      .where('id', '=', id)
      .where('organizationId', '=', organizationId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  /** Live assessments of many accounts, newest first per account (for the latest-per-account summaries). */
  ofOrganizations(db: Db, organizationIds: string[]): Promise<RelationshipAssessmentRow[]> {
    return db
      .selectFrom('relationshipAssessments')
      .selectAll()
      .where('organizationId', 'in', organizationIds)
      .where('deletedAt', 'is', null)
      .orderBy('organizationId')
      .orderBy('assessedOn', 'desc')
      .orderBy('id', 'desc')
      .execute();
  },

  scoresOf(db: Db, assessmentIds: string[]): Promise<AssessmentScoreRow[]> {
    if (assessmentIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('assessmentScores').selectAll().where('assessmentId', 'in', assessmentIds).execute();
  },

  insert(db: Db, row: NewRelationshipAssessment): Promise<RelationshipAssessmentRow> {
    return db.insertInto('relationshipAssessments').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async replaceScores(db: Db, assessmentId: string, scores: AssessmentScoreRow[]): Promise<void> {
    await db.deleteFrom('assessmentScores').where('assessmentId', '=', assessmentId).execute();
    if (scores.length > 0) await db.insertInto('assessmentScores').values(scores).execute();
  },

  update(db: Db, id: string, version: number, changes: RelationshipAssessmentUpdateRow): Promise<RelationshipAssessmentRow | undefined> {
    return db
      .updateTable('relationshipAssessments')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },
};

/** Assessments in the recycle bin whose account the actor may see, newest deletion first (titled by account and date). */
export async function deletedAssessments(db: Db, actor: Actor, page: { limit: number; cursor?: string }) {
  let q = visible(db, actor, { deleted: true }).select([
    'relationshipAssessments.id as id',
    'organizations.name as organizationName',
    'relationshipAssessments.assessedOn as assessedOn',
    'relationshipAssessments.deletedAt as deletedAt',
    'relationshipAssessments.deletedBy as deletedBy',
  ]);
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor, 2) as string[];
    q = q.where((eb) =>
      eb.or([
        eb('relationshipAssessments.deletedAt', '<', at),
        eb.and([eb('relationshipAssessments.deletedAt', '=', at), eb('relationshipAssessments.id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('relationshipAssessments.deletedAt', 'desc')
    .orderBy('relationshipAssessments.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    title: `${r.organizationName} · ${r.assessedOn}`,
    deletedAt: r.deletedAt as string,
    deletedBy: r.deletedBy,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit ? encodeCursor([last.deletedAt, last.id]) : null };
}

/** The organization when it is live and inside the actor's key_accounts scope. */
export function findKeyAccount(db: Db, actor: Actor, organizationId: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('organizations')
    .select(['organizations.id', 'organizations.name'])
    .where('organizations.id', '=', organizationId)
    .where('organizations.deletedAt', 'is', null)
    .where(scopeFilter(actor, 'key_accounts', ORGANIZATION_SCOPE))
    .executeTakeFirst();
}

/** The two newest live assessments of each account (row_number over the organization index). */
export function twoNewestPerOrganization(db: Db, organizationIds: string[]) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('relationshipAssessments')
        .select((sb) => [
          'relationshipAssessments.id',
          'relationshipAssessments.organizationId',
          'relationshipAssessments.assessedOn',
          'relationshipAssessments.scaleMax',
          sb.fn
            .agg<number>('row_number')
            .over((ob) =>
              ob
                .partitionBy('relationshipAssessments.organizationId')
                .orderBy('relationshipAssessments.assessedOn', 'desc')
                .orderBy('relationshipAssessments.id', 'desc'),
            )
            .as('rank'),
        ])
        .where('relationshipAssessments.organizationId', 'in', organizationIds)
        .where('relationshipAssessments.deletedAt', 'is', null)
        .as('ranked'),
    )
    .selectAll('ranked')
    .where('ranked.rank', '<=', 2)
    .execute();
}
