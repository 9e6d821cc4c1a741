import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema, NoContentSchema } from '../../../shared/schemas/common.js';
import { ViewCreateSchema, ViewListQuerySchema, ViewListSchema, ViewSchema, ViewUpdateSchema } from '../../../shared/schemas/views.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { registerBulkRoutes } from './bulk.routes.js';
import { viewsService } from './views.service.js';

const SHARED_RULE =
  'Personal views are seen and changed by their owner only; shared views are seen by everyone who may read the list, and creating, changing or deleting one takes the admin action on the list module or on settings.';

/** Saved list views of organizations and contacts, and the bulk actions of those lists. */
export const viewRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['views'];

  r.get(
    '/views',
    {
      schema: {
        tags,
        summary: 'Your personal views and the shared views of a list',
        description: SHARED_RULE,
        querystring: ViewListQuerySchema,
        response: { 200: ViewListSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => viewsService.list(ctx(req), req.query.entity),
  );
  r.get(
    '/views/:id',
    { schema: { tags, summary: 'Get a view', description: SHARED_RULE, params: IdParamsSchema, response: { 200: ViewSchema, ...ERROR_RESPONSES } } },
    (req) => viewsService.get(ctx(req), req.params.id),
  );
  r.post(
    '/views',
    {
      schema: {
        tags,
        summary: 'Save a view (shared views need the admin action on the list module or on settings)',
        description: SHARED_RULE,
        body: ViewCreateSchema,
        response: { 201: ViewSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => reply.code(201).send(await viewsService.create(ctx(req), req.body)),
  );
  r.patch(
    '/views/:id',
    {
      schema: {
        tags,
        summary: 'Rename, re-share or change a view (send the version you read)',
        description: SHARED_RULE,
        params: IdParamsSchema,
        body: ViewUpdateSchema,
        response: { 200: ViewSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => viewsService.update(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/views/:id',
    {
      schema: {
        tags,
        summary: 'Delete a view',
        description: SHARED_RULE,
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      await viewsService.remove(ctx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  registerBulkRoutes(app, deps);
};
