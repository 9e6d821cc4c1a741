import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NoContentSchema } from '../../../shared/schemas/common.js';
import {
  ChainNodeParamsSchema,
  ChainSaveSchema,
  ChainSchema,
  CoverageQuerySchema,
  CoverageSchema,
  CoverageSettingsSchema,
  DashboardQuerySchema,
  DashboardSchema,
  NodePatchResultSchema,
  NodePatchSchema,
  OrganizationParamsSchema,
  RelationCreateSchema,
  RelationListSchema,
  RelationParamsSchema,
  RelationSchema,
  RelationUpdateSchema,
} from '../../../shared/schemas/decision-chain.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { coverageService } from './coverage.js';
import { dashboardService } from './dashboard.js';
import { decisionChainService } from './decision-chain.service.js';
import { relationsService } from './relations.service.js';

export const decisionChainRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['key-accounts'];
  const chainPath = '/accounts/:organizationId/decision-chain';
  const relationsPath = '/accounts/:organizationId/relations';

  r.get(
    '/accounts/dashboard',
    {
      schema: {
        tags,
        summary: 'Key accounts with their chain, coverage gaps and latest assessment; cards due for review; key dates ahead',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => dashboardService.get(ctx(req), req.query),
  );

  r.get(
    chainPath,
    {
      schema: {
        tags,
        summary: "An organization's decision chain: departments, people (nodes) and reporting/influence lines (edges)",
        params: OrganizationParamsSchema,
        response: { 200: ChainSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => decisionChainService.get(ctx(req), req.params.organizationId),
  );
  r.put(
    chainPath,
    {
      schema: {
        tags,
        summary: 'Save the whole decision chain at once (409 when `version` is stale); what is left out is deleted',
        params: OrganizationParamsSchema,
        body: ChainSaveSchema,
        response: { 200: ChainSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => decisionChainService.save(ctx(req), req.params.organizationId, req.body),
  );
  r.patch(
    `${chainPath}/nodes/:id`,
    {
      schema: {
        tags,
        summary: "Change one person of the chain, e.g. their position after a drag (the chain's version moves on)",
        params: ChainNodeParamsSchema,
        body: NodePatchSchema,
        response: { 200: NodePatchResultSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => decisionChainService.patchNode(ctx(req), req.params.organizationId, req.params.id, req.body),
  );

  r.get(
    '/accounts/:organizationId/coverage',
    {
      schema: {
        tags,
        summary: 'Coverage matrix (department × level) of the chain, with its gaps',
        params: OrganizationParamsSchema,
        querystring: CoverageQuerySchema,
        response: { 200: CoverageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => coverageService.get(ctx(req), req.params.organizationId, req.query),
  );

  r.get(
    relationsPath,
    {
      schema: {
        tags,
        summary: 'Organization-level relations of an account (newest first)',
        params: OrganizationParamsSchema,
        response: { 200: RelationListSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => relationsService.list(ctx(req), req.params.organizationId),
  );
  r.post(
    relationsPath,
    {
      schema: {
        tags,
        summary: 'Record an organization-level relation (agreement, executive visit, joint event)',
        params: OrganizationParamsSchema,
        body: RelationCreateSchema,
        response: { 201: RelationSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => reply.code(201).send(await relationsService.create(ctx(req), req.params.organizationId, req.body)),
  );
  r.patch(
    `${relationsPath}/:id`,
    {
      schema: {
        tags,
        summary: 'Change an organization-level relation',
        params: RelationParamsSchema,
        body: RelationUpdateSchema,
        response: { 200: RelationSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => relationsService.update(ctx(req), req.params.organizationId, req.params.id, req.body),
  );
  r.delete(
    `${relationsPath}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete an organization-level relation',
        params: RelationParamsSchema,
        response: { 204: NoContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      await relationsService.remove(ctx(req), req.params.organizationId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/settings/key-accounts',
    {
      schema: {
        tags: ['settings'],
        summary: 'Key-account settings: days without activity before a chain person is a coverage gap',
        response: { 200: CoverageSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => coverageService.getSettings(ctx(req)),
  );
  r.put(
    '/settings/key-accounts',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the key-account settings',
        body: CoverageSettingsSchema,
        response: { 200: CoverageSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => coverageService.updateSettings(ctx(req), req.body),
  );
};
