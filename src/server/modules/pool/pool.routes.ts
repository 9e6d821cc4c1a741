import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/schemas/common.js';
import { OrganizationSchema } from '../../../shared/schemas/customers.js';
import {
  PoolEventPageSchema,
  PoolEventQuerySchema,
  PoolEventSchema,
  PoolListQuerySchema,
  PoolPageSchema,
  PoolSettingsSchema,
  PoolSummarySchema,
  ReleaseSchema,
} from '../../../shared/schemas/pool.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { poolService } from './pool.service.js';
import { poolSettingsService } from './pool.settings.js';

const tags = ['pool'];

export const poolRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);

  r.get(
    '/pool/organizations',
    {
      schema: {
        tags,
        summary: 'Organizations in the pools you may claim from: your team’s, its parent teams’, the company-wide pool, and those your scope covers',
        querystring: PoolListQuerySchema,
        response: { 200: PoolPageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => poolService.list(ctx(req), req.query),
  );
  r.get(
    '/pool/summary',
    { schema: { tags, summary: 'How many organizations you own, and the limit for claiming', response: { 200: PoolSummarySchema, ...ERROR_RESPONSES } } },
    (req) => poolService.summary(ctx(req)),
  );
  r.post(
    '/organizations/:id/claim',
    {
      schema: {
        tags,
        summary: 'Claim an organization from the pool: you become its owner (409 pool_limit_reached over the limit, already_claimed when someone was faster)',
        params: IdParamsSchema,
        response: { 200: OrganizationSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => poolService.claim(ctx(req), req.params.id),
  );
  r.post(
    '/organizations/:id/release',
    {
      schema: {
        tags,
        summary: 'Release an organization to the pool of its team, with a reason (its owner, or a manager whose scope covers it)',
        params: IdParamsSchema,
        body: ReleaseSchema,
        response: { 200: PoolEventSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => poolService.release(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/organizations/:id/pool-events',
    {
      schema: {
        tags,
        summary: 'Pool history of an organization (claims, releases, assignments, warnings, automatic returns), newest first',
        params: IdParamsSchema,
        querystring: PoolEventQuerySchema,
        response: { 200: PoolEventPageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => poolService.events(ctx(req), req.params.id, req.query),
  );
  r.get(
    '/settings/pool',
    {
      schema: {
        tags: ['settings'],
        summary: 'Pool rules: claim limit per person, and per tier the days before a customer returns',
        response: { 200: PoolSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => poolSettingsService.get(ctx(req)),
  );
  r.put(
    '/settings/pool',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the pool rules (null switches a limit or measure off)',
        body: PoolSettingsSchema,
        response: { 200: PoolSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => poolSettingsService.update(ctx(req), req.body),
  );
};
