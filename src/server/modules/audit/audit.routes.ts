import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditListQuerySchema, AuditPageSchema, RecordRefParamsSchema } from '../../../shared/schemas/audit.js';
import { ListQueryBase } from '../../../shared/schemas/common.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { auditService } from './audit.service.js';

const tags = ['audit'];

export const auditRoutes: FastifyPluginAsync<ModuleDeps> = async (app, { db, config, entities }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, db, config);

  r.get(
    '/audit-log',
    { schema: { tags, summary: 'The audit log, newest first', querystring: AuditListQuerySchema, response: { 200: AuditPageSchema, ...ERROR_RESPONSES } } },
    (req) => auditService.list(ctx(req), req.query),
  );
  r.get(
    '/audit-log/records/:type/:id',
    {
      schema: {
        tags,
        summary: 'Field-level history of one record',
        params: RecordRefParamsSchema,
        querystring: ListQueryBase.pick({ limit: true, cursor: true }),
        response: { 200: AuditPageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => auditService.history(ctx(req), entities, req.params.type, req.params.id, req.query),
  );
};
