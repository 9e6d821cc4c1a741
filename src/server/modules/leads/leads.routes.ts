import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/schemas/common.js';
import {
  LeadConversionPreviewSchema,
  LeadConversionSchema,
  LeadConvertSchema,
  LeadCreateSchema,
  LeadListQuerySchema,
  LeadPageSchema,
  LeadRulesReplaceSchema,
  LeadRulesSchema,
  LeadSchema,
  LeadUpdateSchema,
} from '../../../shared/schemas/leads.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { leadRulesService } from './assignment.js';
import { conversionPreview, convertLead } from './convert-lead.js';
import { LEAD_SCOPE } from './leads.repository.js';
import { leadsService } from './leads.service.js';
import { moveConvertedLeadsOnMerge } from './merge.js';

export const leadRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['leads'];

  registerCrudRoutes(app, deps, {
    path: '/leads',
    noun: 'lead',
    tag: 'leads',
    schemas: { query: LeadListQuerySchema, create: LeadCreateSchema, update: LeadUpdateSchema, record: LeadSchema, page: LeadPageSchema },
    service: leadsService,
  });

  r.get(
    '/leads/:id/convert',
    {
      schema: {
        tags,
        summary: 'Duplicate candidates for converting a lead, and what a conversion without choices would reuse',
        params: IdParamsSchema,
        response: { 200: LeadConversionPreviewSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => conversionPreview(ctx(req), req.params.id),
  );
  r.post(
    '/leads/:id/convert',
    {
      schema: {
        tags,
        summary: 'Convert a lead into organization + contact (+ opportunity) in one transaction, reusing duplicates',
        params: IdParamsSchema,
        body: LeadConvertSchema,
        response: { 200: LeadConversionSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => convertLead(ctx(req), req.params.id, req.body),
  );

  r.get(
    '/settings/lead-assignment',
    { schema: { tags: ['settings'], summary: 'Lead assignment rules, in the order they are tried', response: { 200: LeadRulesSchema, ...ERROR_RESPONSES } } },
    (req) => leadRulesService.list(ctx(req)),
  );
  r.put(
    '/settings/lead-assignment',
    {
      schema: {
        tags: ['settings'],
        summary: 'Replace the lead assignment rules (rules sent with their id keep their round-robin turn)',
        body: LeadRulesReplaceSchema,
        response: { 200: LeadRulesSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => leadRulesService.replace(ctx(req), req.body.rules),
  );

  deps.entities.register({
    type: 'leads',
    canSee: (c, id) => leadsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'leads', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'leads', titleColumn: 'name', module: 'leads', scope: LEAD_SCOPE }, page),
    restore: (c, id) => leadsService.restore(c, id),
  });
  deps.mergeHooks.register('leads', moveConvertedLeadsOnMerge);
};
