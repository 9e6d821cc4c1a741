import { type Kysely, sql } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** The six dimensions of "6个维度评估客户关系现状", shipped so a new workspace can score accounts at once. */
const DEFAULT_DIMENSIONS = [
  {
    key: 'decision_chain_coverage',
    nameEn: 'Decision-chain coverage',
    nameZh: '决策链覆盖度',
    descriptionEn: 'How many people of the decision chain (decision makers, approvers, evaluators, users) we know and reach',
    descriptionZh: '决策链上的关键角色（决策者、审批者、评估者、使用者）我们认识并能接触到的程度',
  },
  {
    key: 'key_person_depth',
    nameEn: 'Depth with key persons',
    nameZh: '关键人关系深度',
    descriptionEn: 'How close and trusted our relationships with the key persons are',
    descriptionZh: '与关键人关系的紧密与深入程度',
  },
  {
    key: 'executive_engagement',
    nameEn: 'Executive engagement',
    nameZh: '高层互动',
    descriptionEn: 'Regular contact between our executives and theirs (visits, forums, strategic talks)',
    descriptionZh: '双方高层的定期互访、会谈与交流',
  },
  {
    key: 'trust',
    nameEn: 'Trust',
    nameZh: '信任度',
    descriptionEn: 'How far the customer trusts our company, our people and our promises',
    descriptionZh: '客户对我们公司、人员及承诺的信任程度',
  },
  {
    key: 'competitive_position',
    nameEn: 'Position against competitors',
    nameZh: '相对竞争对手的地位',
    descriptionEn: 'Where the customer places us compared with competing suppliers',
    descriptionZh: '在客户心中我们相对于竞争对手所处的位置',
  },
  {
    key: 'project_support',
    nameEn: 'Support in current projects',
    nameZh: '当前项目支持度',
    descriptionEn: 'How strongly the customer supports us in the projects now under way',
    descriptionZh: '客户在当前项目中对我们的支持程度',
  },
];

/** Key accounts: assessment dimensions, assessments with scores, relationship plans (key-account issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  await withAuditColumns(
    db,
    db.schema
      .createTable('assessment_dimensions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('description_en', 'text')
      .addColumn('description_zh', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      // 0/1: better-sqlite3 cannot bind booleans.
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  // A key names one dimension for good; a deleted one keeps it so old scores still read right.
  await db.schema.createIndex('assessment_dimension_key_idx').on('assessment_dimensions').column('key').unique().execute();
  await db.schema.createIndex('assessment_dimension_order_idx').on('assessment_dimensions').columns(['sort_order', 'id']).execute();

  const at = new Date().toISOString();
  // Seeded ids are fixed so every database of a workspace names the defaults the same way.
  const seeded = DEFAULT_DIMENSIONS.map((d, i) => ({
    id: `01900000-0000-7000-8000-00000000000${i + 1}`,
    key: d.key,
    name_en: d.nameEn,
    name_zh: d.nameZh,
    description_en: d.descriptionEn,
    description_zh: d.descriptionZh,
    sort_order: (i + 1) * 10,
    active: 1,
    created_at: at,
    updated_at: at,
    created_by: null,
    version: 1,
  }));
  await (db as Kysely<any>).insertInto('assessment_dimensions').values(seeded).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('relationship_assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      // A calendar date (YYYY-MM-DD): an assessment describes a day, not an instant.
      .addColumn('assessed_on', 'text', (c) => c.notNull())
      .addColumn('assessor_id', 'text', (c) => c.notNull().references('users.id'))
      // The scale's top at scoring time, so a later change of the scale does not rescale old radars.
      .addColumn('scale_max', 'integer', (c) => c.notNull())
      .addColumn('notes', 'text'),
  ).execute();
  // Per account newest first (the page, "latest vs previous", the dashboard summaries).
  await db.schema.createIndex('relationship_assessment_org_idx').on('relationship_assessments').columns(['organization_id', 'assessed_on', 'id']).execute();
  await db.schema.createIndex('relationship_assessment_date_idx').on('relationship_assessments').columns(['assessed_on', 'id']).execute();
  await db.schema.createIndex('relationship_assessment_assessor_idx').on('relationship_assessments').columns(['assessor_id', 'assessed_on', 'id']).execute();

  await db.schema
    .createTable('assessment_scores')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('relationship_assessments.id'))
    .addColumn('dimension_id', 'text', (c) => c.notNull().references('assessment_dimensions.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('assessment_scores_pk', ['assessment_id', 'dimension_id'])
    .execute();
  await db.schema.createIndex('assessment_score_dimension_idx').on('assessment_scores').column('dimension_id').execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('relationship_plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('market_goals', 'text')
      // Step 2 of the method: the assessment the plan starts from.
      .addColumn('assessment_id', 'text', (c) => c.references('relationship_assessments.id'))
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('notes', 'text'),
  ).execute();
  // One live plan per account and year; a plan in the recycle bin does not block a new one.
  await db.schema
    .createIndex('relationship_plan_org_year_idx')
    .on('relationship_plans')
    .columns(['organization_id', 'year'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema.createIndex('relationship_plan_year_idx').on('relationship_plans').columns(['year', 'id']).execute();
  await db.schema.createIndex('relationship_plan_org_idx').on('relationship_plans').columns(['organization_id', 'year', 'id']).execute();

  await db.schema
    .createTable('plan_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('relationship_plans.id'))
    .addColumn('chain_person_id', 'text', (c) => c.notNull())
    .addColumn('from_support', 'text', (c) => c.notNull())
    .addColumn('to_support', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('measures', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_target_plan_idx').on('plan_targets').columns(['plan_id', 'sort_order']).execute();
  await db.schema.createIndex('plan_target_person_idx').on('plan_targets').column('chain_person_id').execute();

  // Execution: opportunities (market goals), activities and tasks the plan relies on, linked by id.
  await db.schema
    .createTable('plan_links')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('relationship_plans.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_links_pk', ['plan_id', 'kind', 'target_id'])
    .execute();
  await db.schema.createIndex('plan_link_target_idx').on('plan_links').columns(['kind', 'target_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['plan_links', 'plan_targets', 'relationship_plans', 'assessment_scores', 'relationship_assessments', 'assessment_dimensions']) {
    await db.schema.dropTable(table).execute();
  }
}
