import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema, NoContentSchema } from '../../../shared/schemas/common.js';
import {
  BoardQuerySchema,
  BoardSchema,
  OpportunityCreateSchema,
  OpportunityDetailSchema,
  OpportunityListQuerySchema,
  OpportunityPageSchema,
  OpportunityUpdateSchema,
  PipelineCreateSchema,
  PipelineListSchema,
  PipelineSchema,
  PipelineUpdateSchema,
  StageHistorySchema,
} from '../../../shared/schemas/opportunities.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { OPPORTUNITY_SCOPE } from './opportunities.repository.js';
import { opportunitiesService } from './opportunities.service.js';
import { pipelinesService } from './pipelines.service.js';

export const opportunityRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);

  r.get(
    '/pipelines',
    { schema: { tags: ['pipelines'], summary: 'List pipelines with their stages', response: { 200: PipelineListSchema, ...ERROR_RESPONSES } } },
    (req) => pipelinesService.list(ctx(req)),
  );
  r.get(
    '/pipelines/:id',
    { schema: { tags: ['pipelines'], summary: 'Get a pipeline', params: IdParamsSchema, response: { 200: PipelineSchema, ...ERROR_RESPONSES } } },
    (req) => pipelinesService.get(ctx(req), req.params.id),
  );
  r.post(
    '/pipelines',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'Create a pipeline (settings admin)',
        body: PipelineCreateSchema,
        response: { 201: PipelineSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => reply.code(201).send(await pipelinesService.create(ctx(req), req.body)),
  );
  r.patch(
    '/pipelines/:id',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'Rename, make default, or replace the stages of a pipeline (409 stage_in_use when deleting a stage deals are in without reassign)',
        params: IdParamsSchema,
        body: PipelineUpdateSchema,
        response: { 200: PipelineSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => pipelinesService.update(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/pipelines/:id',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'Delete an empty, non-default pipeline',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      await pipelinesService.remove(ctx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/opportunities/board',
    {
      schema: {
        tags: ['opportunities'],
        summary: 'Kanban of one pipeline: first cards per stage and exact totals per stage and currency',
        querystring: BoardQuerySchema,
        response: { 200: BoardSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => opportunitiesService.board(ctx(req), req.query),
  );
  r.get(
    '/opportunities/:id/stage-history',
    {
      schema: {
        tags: ['opportunities'],
        summary: 'Stages an opportunity passed through, with the time spent in each',
        params: IdParamsSchema,
        response: { 200: StageHistorySchema, ...ERROR_RESPONSES },
      },
    },
    (req) => opportunitiesService.stageHistory(ctx(req), req.params.id),
  );

  registerCrudRoutes(app, deps, {
    path: '/opportunities',
    noun: 'opportunity',
    tag: 'opportunities',
    schemas: {
      query: OpportunityListQuerySchema,
      create: OpportunityCreateSchema,
      update: OpportunityUpdateSchema,
      record: OpportunityDetailSchema,
      page: OpportunityPageSchema,
    },
    service: opportunitiesService,
  });

  deps.entities.register({
    type: 'opportunities',
    canSee: (c, id) => opportunitiesService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'opportunities', 'delete'),
    listDeleted: (c, page) =>
      listDeleted(c.db, c.actor, { table: 'opportunities', titleColumn: 'name', module: 'opportunities', scope: OPPORTUNITY_SCOPE }, page),
    restore: (c, id) => opportunitiesService.restore(c, id),
  });
};
