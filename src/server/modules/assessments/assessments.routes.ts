import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AssessmentCreateSchema,
  AssessmentListQuerySchema,
  AssessmentOverviewSchema,
  AssessmentPageSchema,
  AssessmentScaleSchema,
  AssessmentSchema,
  AssessmentUpdateSchema,
  DimensionCreateSchema,
  DimensionListQuerySchema,
  DimensionListSchema,
  DimensionSchema,
  DimensionUpdateSchema,
  OverviewQuerySchema,
} from '../../../shared/schemas/assessments.js';
import { IdParamsSchema, NoContentSchema } from '../../../shared/schemas/common.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { assessmentsService } from './assessments.service.js';
import { canAdministerDimensions, dimensionsService } from './dimensions.service.js';

export const assessmentRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['key-accounts'];

  // Declared before the CRUD routes' /:id so the static path wins.
  r.get(
    '/relationship-assessments/overview',
    {
      schema: {
        tags,
        summary: "An account's radar (newest against previous assessment) and trend over time",
        querystring: OverviewQuerySchema,
        response: { 200: AssessmentOverviewSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => assessmentsService.overview(ctx(req), req.query.organizationId),
  );

  registerCrudRoutes(app, deps, {
    path: '/relationship-assessments',
    noun: 'relationship assessment',
    tag: 'key-accounts',
    schemas: {
      query: AssessmentListQuerySchema,
      create: AssessmentCreateSchema,
      update: AssessmentUpdateSchema,
      record: AssessmentSchema,
      page: AssessmentPageSchema,
    },
    service: assessmentsService,
  });

  r.get(
    '/assessment-dimensions',
    {
      schema: {
        tags,
        summary: 'Assessment dimensions in radar order, with the scoring scale',
        querystring: DimensionListQuerySchema,
        response: { 200: DimensionListSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => dimensionsService.list(ctx(req), req.query),
  );
  r.get(
    '/assessment-dimensions/:id',
    { schema: { tags, summary: 'Get an assessment dimension', params: IdParamsSchema, response: { 200: DimensionSchema, ...ERROR_RESPONSES } } },
    (req) => dimensionsService.get(ctx(req), req.params.id),
  );
  r.post(
    '/assessment-dimensions',
    {
      schema: {
        tags,
        summary: 'Add an assessment dimension (settings or key-account admins)',
        body: DimensionCreateSchema,
        response: { 201: DimensionSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => reply.code(201).send(await dimensionsService.create(ctx(req), req.body)),
  );
  r.patch(
    '/assessment-dimensions/:id',
    {
      schema: {
        tags,
        summary: 'Rename, reorder or (de)activate a dimension (send the version you read)',
        params: IdParamsSchema,
        body: DimensionUpdateSchema,
        response: { 200: DimensionSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => dimensionsService.update(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/assessment-dimensions/:id',
    {
      schema: {
        tags,
        summary: 'Delete a dimension (to the recycle bin; old scores keep it)',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      await dimensionsService.remove(ctx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/settings/assessment-scale',
    { schema: { tags: ['settings'], summary: 'The assessment scale: scores run from 1 to max', response: { 200: AssessmentScaleSchema, ...ERROR_RESPONSES } } },
    (req) => dimensionsService.getScale(ctx(req)),
  );
  r.put(
    '/settings/assessment-scale',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the scale top (applies to new assessments; old ones keep theirs)',
        body: AssessmentScaleSchema,
        response: { 200: AssessmentScaleSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => dimensionsService.setScale(ctx(req), req.body),
  );

  deps.entities.register({
    type: 'relationship_assessments',
    canSee: (c, id) => assessmentsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'key_accounts', 'delete'),
    listDeleted: (c, page) => assessmentsService.listDeleted(c, page),
    restore: (c, id) => assessmentsService.restore(c, id),
  });
  deps.entities.register({
    type: 'assessment_dimensions',
    canSee: (c, id) => dimensionsService.canSee(c, id),
    canRestore: (c) => canAdministerDimensions(c.actor),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'assessmentDimensions', titleColumn: 'nameEn', module: 'key_accounts' }, page),
    restore: (c, id) => dimensionsService.restore(c, id),
  });
};
