import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NoContentSchema } from '../../../shared/schemas/common.js';
import { RecentQuerySchema, RecentViewSchema, SearchQuerySchema, SearchResultSchema } from '../../../shared/schemas/search.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { searchService as service } from './search.service.js';

export const searchRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['search'];

  r.get(
    '/search',
    {
      schema: {
        tags,
        summary: 'Global search over the records you may see: Chinese, pinyin and initials, English word prefixes, e-mail and phone fragments',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.search(ctx(req), req.query),
  );
  r.get(
    '/search/recent',
    {
      schema: {
        tags,
        summary: 'Records you opened lately (still existing and visible), newest first',
        querystring: RecentQuerySchema,
        response: { 200: SearchResultSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.recent(ctx(req), req.query.limit),
  );
  r.post(
    '/search/recent',
    {
      schema: {
        tags,
        summary: 'Note that you opened a record (its detail page): it ranks higher in your searches',
        body: RecentViewSchema,
        response: { 204: NoContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      await service.viewed(ctx(req), req.body);
      return reply.code(204).send(null);
    },
  );
};
