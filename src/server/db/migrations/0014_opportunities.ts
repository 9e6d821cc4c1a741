import { type Kysely, sql } from 'kysely';
import { newId } from '../../platform/ids.js';
import { types, withAuditColumns } from './helpers.js';

/**
 * The default pipeline's stages. A pipeline or stage has the name the admin types (`name`) and, optionally, a
 * Chinese one (`name_zh`) that the zh-CN interface shows instead: stage names are data, not i18n keys,
 * yet a bilingual team should not have to pick one language for the board.
 */
const DEFAULT_STAGES = [
  { name: 'Qualification', nameZh: '初步接洽', probability: 10, kind: 'open' },
  { name: 'Needs analysis', nameZh: '需求分析', probability: 20, kind: 'open' },
  { name: 'Proposal', nameZh: '方案报价', probability: 50, kind: 'open' },
  { name: 'Negotiation', nameZh: '商务谈判', probability: 80, kind: 'open' },
  { name: 'Won', nameZh: '赢单', probability: 100, kind: 'won' },
  { name: 'Lost', nameZh: '输单', probability: 0, kind: 'lost' },
] as const;

/** Pipelines with stages, opportunities, their contacts, stage history and competitors (sales issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  await withAuditColumns(
    db,
    db.schema
      .createTable('pipelines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text')
      // 0/1: better-sqlite3 cannot bind booleans (see docs/DECISIONS.md).
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('pipeline_order_idx').on('pipelines').columns(['sort_order', 'id']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('pipeline_stages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('probability', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('pipeline_stage_order_idx').on('pipeline_stages').columns(['pipeline_id', 'sort_order', 'id']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('opportunities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
      .addColumn('stage_id', 'text', (c) => c.notNull().references('pipeline_stages.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('probability', 'integer', (c) => c.notNull())
      .addColumn('expected_close_date', 'text')
      .addColumn('closed_at', t.timestamp)
      // Lost: a code from the list of lost reasons; won: null. The free text of either goes in close_note.
      .addColumn('close_reason', 'text')
      .addColumn('close_note', 'text')
      .addColumn('next_step', 'text')
      .addColumn('description', 'text')
      .addColumn('lead_id', 'text')
      .addColumn('source', 'text')
      // When the deal entered its current stage: the board shows how long it has been sitting there.
      .addColumn('stage_entered_at', t.timestamp, (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id')),
  ).execute();
  for (const [name, cols] of [
    // Every list filter leads an index that ends in the default sort (updated_at, id).
    ['opportunity_owner_updated_idx', ['owner_id', 'updated_at', 'id']],
    ['opportunity_team_updated_idx', ['team_id', 'updated_at', 'id']],
    ['opportunity_org_updated_idx', ['organization_id', 'updated_at', 'id']],
    ['opportunity_status_updated_idx', ['status', 'updated_at', 'id']],
    ['opportunity_pipeline_updated_idx', ['pipeline_id', 'updated_at', 'id']],
    // The board reads each column of a pipeline as one range; the totals sum the same range.
    ['opportunity_stage_updated_idx', ['stage_id', 'updated_at', 'id']],
    ['opportunity_close_date_idx', ['expected_close_date', 'id']],
    ['opportunity_amount_idx', ['amount_minor', 'id']],
    ['opportunity_name_idx', ['name', 'id']],
    ['opportunity_created_idx', ['created_at', 'id']],
    ['opportunity_updated_idx', ['updated_at', 'id']],
    // Sales reports: won deals by close time, open pipeline by expected close.
    ['opportunity_status_closed_idx', ['status', 'closed_at']],
    ['opportunity_lead_idx', ['lead_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('opportunities')
      .columns([...cols])
      .execute();
  }

  await db.schema
    .createTable('opportunity_contacts')
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('buying_role', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunity_contacts_pk', ['opportunity_id', 'contact_id'])
    .execute();
  // The contact page lists a contact's deals.
  await db.schema.createIndex('opportunity_contact_contact_idx').on('opportunity_contacts').columns(['contact_id', 'opportunity_id']).execute();

  await db.schema
    .createTable('opportunity_stage_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('pipeline_stages.id'))
    .addColumn('entered_at', t.timestamp, (c) => c.notNull())
    .addColumn('left_at', t.timestamp)
    .addColumn('moved_by', 'text')
    .execute();
  await db.schema.createIndex('opportunity_history_idx').on('opportunity_stage_history').columns(['opportunity_id', 'entered_at', 'id']).execute();
  // Reports: time spent per stage, and "is this stage in use" before a stage is deleted.
  await db.schema.createIndex('opportunity_history_stage_idx').on('opportunity_stage_history').columns(['stage_id', 'left_at']).execute();

  await db.schema
    .createTable('opportunity_competitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('strengths', 'text')
    .addColumn('weaknesses', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opportunity_competitor_idx').on('opportunity_competitors').columns(['opportunity_id', 'id']).execute();

  const at = new Date().toISOString();
  const pipelineId = newId();
  await sql`insert into pipelines (id, name, name_zh, is_default, sort_order, created_at, updated_at, version)
    values (${pipelineId}, ${'Sales'}, ${'销售'}, 1, 0, ${at}, ${at}, 1)`.execute(db);
  let order = 0;
  for (const s of DEFAULT_STAGES) {
    await sql`insert into pipeline_stages (id, pipeline_id, name, name_zh, sort_order, probability, kind, created_at, updated_at, version)
      values (${newId()}, ${pipelineId}, ${s.name}, ${s.nameZh}, ${order++}, ${s.probability}, ${s.kind}, ${at}, ${at}, 1)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['opportunity_competitors', 'opportunity_stage_history', 'opportunity_contacts', 'opportunities', 'pipeline_stages', 'pipelines']) {
    await db.schema.dropTable(table).execute();
  }
}
