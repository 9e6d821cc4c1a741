import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BulkRequestSchema, BulkResultSchema, VIEW_ENTITIES } from '../../../shared/schemas/views.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { bulkService } from './bulk.service.js';

const DESCRIPTION =
  'One action on up to 500 records, each applied as its own PATCH or DELETE (same validation, scope, versioning and audit entry). ' +
  'Needs the update action (delete: the delete action) on the module, checked before any record. Records you cannot see, ' +
  'and records whose change fails, are listed in `failed` (those out of sight as not_found) and stay unchanged.';

/** POST /organizations/bulk and /contacts/bulk. */
export function registerBulkRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  for (const entity of VIEW_ENTITIES) {
    r.post(
      `/${entity}/bulk`,
      {
        schema: {
          tags: [entity],
          summary: `Assign, tag, edit or delete many ${entity} at once`,
          description: DESCRIPTION,
          body: BulkRequestSchema,
          response: { 200: BulkResultSchema, ...ERROR_RESPONSES },
        },
      },
      (req) => bulkService.run(ctx(req), entity, req.body),
    );
  }
}
