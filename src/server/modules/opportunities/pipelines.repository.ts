import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { NewPipelineStage, PipelineRow, PipelineStageRow, PipelineStagesTable, PipelinesTable } from './opportunities.tables.js';

/** Pipelines and their stages: small tables, read whole. */
export const pipelinesRepository = {
  list(db: Db): Promise<PipelineRow[]> {
    return db.selectFrom('pipelines').selectAll().where('deletedAt', 'is', null).orderBy('sortOrder').orderBy('id').execute();
  },

  find(db: Db, id: string): Promise<PipelineRow | undefined> {
    return db.selectFrom('pipelines').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  findDefault(db: Db): Promise<PipelineRow | undefined> {
    return db
      .selectFrom('pipelines')
      .selectAll()
      .where('deletedAt', 'is', null)
      .orderBy('isDefault', 'desc')
      .orderBy('sortOrder')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  },

  /** Live stages of the given pipelines in board order. */
  stagesOf(db: Db, pipelineIds: string[]): Promise<PipelineStageRow[]> {
    if (pipelineIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('pipelineStages')
      .selectAll()
      .where('pipelineId', 'in', pipelineIds)
      .where('deletedAt', 'is', null)
      .orderBy('pipelineId')
      .orderBy('sortOrder')
      .orderBy('id')
      .execute();
  },

  /** A stage by id, deleted ones too: history keeps pointing at stages that were removed later. */
  stagesById(db: Db, ids: string[]): Promise<PipelineStageRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('pipelineStages')
      .selectAll()
      .where('id', 'in', [...new Set(ids)])
      .execute();
  },

  findStage(db: Db, id: string): Promise<PipelineStageRow | undefined> {
    return db.selectFrom('pipelineStages').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  maxSortOrder(db: Db): Promise<{ m: number | null } | undefined> {
    return db
      .selectFrom('pipelines')
      .select((eb) => eb.fn.max('sortOrder').as('m'))
      .executeTakeFirst() as Promise<{ m: number | null } | undefined>;
  },

  insert(db: Db, row: Insertable<PipelinesTable>): Promise<PipelineRow> {
    return db.insertInto('pipelines').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: Updateable<PipelinesTable>): Promise<PipelineRow | undefined> {
    return db
      .updateTable('pipelines')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Only one default pipeline at a time. */
  clearDefault(db: Db, exceptId: string) {
    return db.updateTable('pipelines').set({ isDefault: 0 }).where('id', '<>', exceptId).where('isDefault', '=', 1).execute();
  },

  insertStage(db: Db, row: NewPipelineStage) {
    return db.insertInto('pipelineStages').values(row).execute();
  },

  updateStage(db: Db, id: string, changes: Updateable<PipelineStagesTable>) {
    return db
      .updateTable('pipelineStages')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },

  /** Live opportunities per stage among `stageIds` (deleted ones stay in the recycle bin pointing at the old stage). */
  async usage(db: Db, stageIds: string[]): Promise<Map<string, number>> {
    if (stageIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('opportunities')
      .select(['stageId', (eb) => eb.fn.countAll().as('n')])
      .where('stageId', 'in', stageIds)
      .where('deletedAt', 'is', null)
      .groupBy('stageId')
      .execute();
    return new Map(rows.map((r) => [r.stageId, Number(r.n)]));
  },

  async pipelineInUse(db: Db, pipelineId: string): Promise<boolean> {
    const row = await db
      .selectFrom('opportunities')
      .select('id')
      .where('pipelineId', '=', pipelineId)
      .where('deletedAt', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return !!row;
  },
};
