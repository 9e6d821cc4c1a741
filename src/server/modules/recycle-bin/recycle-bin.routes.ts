import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RecordRefParamsSchema, RecycleBinPageSchema, RecycleBinQuerySchema, RecycleBinTypesSchema } from '../../../shared/schemas/audit.js';
import { NoContentSchema } from '../../../shared/schemas/common.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { recycleBinService } from './recycle-bin.service.js';

const tags = ['recycle bin'];

export const recycleBinRoutes: FastifyPluginAsync<ModuleDeps> = async (app, { db, config, entities }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, db, config);

  r.get(
    '/recycle-bin/types',
    { schema: { tags, summary: 'Record types the caller may restore', response: { 200: RecycleBinTypesSchema, ...ERROR_RESPONSES } } },
    (req) => recycleBinService.types(ctx(req), entities),
  );
  r.get(
    '/recycle-bin',
    {
      schema: { tags, summary: 'Deleted records of one type', querystring: RecycleBinQuerySchema, response: { 200: RecycleBinPageSchema, ...ERROR_RESPONSES } },
    },
    (req) => recycleBinService.list(ctx(req), entities, req.query),
  );
  r.post(
    '/recycle-bin/:type/:id/restore',
    { schema: { tags, summary: 'Restore a deleted record', params: RecordRefParamsSchema, response: { 204: NoContentSchema, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      await recycleBinService.restore(ctx(req), entities, req.params.type, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
