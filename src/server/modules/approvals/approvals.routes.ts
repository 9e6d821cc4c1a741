import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ApprovalCountSchema,
  ApprovalDecisionSchema,
  ApprovalListQuerySchema,
  ApprovalPageSchema,
  ApprovalRequestSchema,
  ApprovalSettingsInputSchema,
  ApprovalSettingsSchema,
  ApprovalSubjectQuerySchema,
  ApprovalTrailSchema,
} from '../../../shared/schemas/approvals.js';
import { IdParamsSchema } from '../../../shared/schemas/common.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { approvalsService } from './approvals.service.js';

export const approvalRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['approvals'];

  r.get(
    '/approvals',
    {
      schema: {
        tags,
        summary: 'Approval requests: waiting for me (inbox), submitted by me (mine), decided by me (done), or all (settings admins)',
        querystring: ApprovalListQuerySchema,
        response: { 200: ApprovalPageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => approvalsService.list(ctx(req), req.query),
  );
  r.get(
    '/approvals/count',
    { schema: { tags, summary: 'How many requests wait for me (the nav badge)', response: { 200: ApprovalCountSchema, ...ERROR_RESPONSES } } },
    (req) => approvalsService.count(ctx(req)),
  );
  r.get(
    '/approvals/trail',
    {
      schema: {
        tags,
        summary: 'Every approval request of one quote or order with its steps, newest first',
        querystring: ApprovalSubjectQuerySchema,
        response: { 200: ApprovalTrailSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => approvalsService.trail(ctx(req), req.query.type, req.query.id),
  );
  r.get(
    '/approvals/:id',
    { schema: { tags, summary: 'One approval request with its steps', params: IdParamsSchema, response: { 200: ApprovalRequestSchema, ...ERROR_RESPONSES } } },
    (req) => approvalsService.get(ctx(req), req.params.id),
  );
  r.post(
    '/approvals/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve the current step (its manager, or a user of its role); the last approval releases the record',
        params: IdParamsSchema,
        body: ApprovalDecisionSchema,
        response: { 200: ApprovalRequestSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => approvalsService.approve(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/approvals/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject the request (a comment is required); the record goes back to draft',
        params: IdParamsSchema,
        body: ApprovalDecisionSchema,
        response: { 200: ApprovalRequestSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => approvalsService.reject(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/settings/approvals',
    {
      schema: {
        tags: ['settings'],
        summary: 'Approval policies per role and the manager of each team',
        response: { 200: ApprovalSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => approvalsService.settings(ctx(req)),
  );
  r.put(
    '/settings/approvals',
    {
      schema: {
        tags: ['settings'],
        summary: 'Replace the approval policies and team managers',
        body: ApprovalSettingsInputSchema,
        response: { 200: ApprovalSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => approvalsService.updateSettings(ctx(req), req.body),
  );
};
