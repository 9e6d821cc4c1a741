import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CountryListSchema, DivisionCodeSchema, RegionListQuerySchema, RegionListSchema, RegionPathSchema } from '../../../shared/schemas/regions.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import { notFound } from '../../platform/errors.js';
import type { ModuleDeps } from '../deps.js';
import { regionData, toRegion } from './regions.data.js';

/**
 * Region data for pickers, served in pieces so the web bundle does not carry China's 3,600
 * divisions: a cascader asks for one level's children as the user opens it. The answers change only
 * with the package, so browsers keep them for a day.
 */
const cached = (reply: FastifyReply) => reply.header('cache-control', 'private, max-age=86400');

export const regionRoutes: FastifyPluginAsync<ModuleDeps> = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['regions'];

  r.get(
    '/regions',
    {
      schema: {
        tags,
        summary: "China's provinces, or the children of one division",
        querystring: RegionListQuerySchema,
        response: { 200: RegionListSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const items = req.query.parent ? regionData.children(req.query.parent) : regionData.provinces();
      if (!items) throw notFound('Division');
      cached(reply);
      return { items: items.map(toRegion) };
    },
  );

  r.get(
    '/regions/countries',
    { schema: { tags, summary: 'Countries (ISO 3166-1 alpha-2), China first', response: { 200: CountryListSchema, ...ERROR_RESPONSES } } },
    async (_req, reply) => {
      cached(reply);
      return { items: regionData.countries() };
    },
  );

  r.get(
    '/regions/:code',
    {
      schema: {
        tags,
        summary: 'One division with the path from its province',
        params: z.object({ code: DivisionCodeSchema }),
        response: { 200: RegionPathSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const division = regionData.division(req.params.code);
      if (!division) throw notFound('Division');
      cached(reply);
      return { ...toRegion(division), path: regionData.path(division.code).map(toRegion) };
    },
  );
};
