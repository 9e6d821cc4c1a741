import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/schemas/common.js';
import { ContactSchema, OrganizationSchema } from '../../../shared/schemas/customers.js';
import { ContactDuplicatesQuerySchema, DuplicatesSchema, MergeBodySchema, OrganizationDuplicatesQuerySchema } from '../../../shared/schemas/duplicates.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { duplicatesService } from './duplicates.service.js';
import { mergeService } from './merge.service.js';

/** Duplicate checks while a record is typed in, and merging two records into one. */
export const duplicateRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const MERGE_NOTE =
    'Needs update and delete rights and both records in your scope. Moves contacts, activities, tasks and other linked records to the ' +
    'survivor, combines the fields as chosen and puts the other record into the recycle bin, in one transaction.';

  r.get(
    '/organizations/duplicates',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Likely duplicates of an organization being entered (same name, code, phone or e-mail; similar names)',
        querystring: OrganizationDuplicatesQuerySchema,
        response: { 200: DuplicatesSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => duplicatesService.organizations(ctx(req), req.query),
  );
  r.get(
    '/contacts/duplicates',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Likely duplicates of a contact being entered (same phone or e-mail, same name; similar names at the same organization)',
        querystring: ContactDuplicatesQuerySchema,
        response: { 200: DuplicatesSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => duplicatesService.contacts(ctx(req), req.query),
  );

  r.post(
    '/organizations/:id/merge',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Merge another organization into this one',
        description: MERGE_NOTE,
        params: IdParamsSchema,
        body: MergeBodySchema,
        response: { 200: OrganizationSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => mergeService.organizations(ctx(req), deps.mergeHooks, req.params.id, req.body),
  );
  r.post(
    '/contacts/:id/merge',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Merge another contact into this one',
        description: MERGE_NOTE,
        params: IdParamsSchema,
        body: MergeBodySchema,
        response: { 200: ContactSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => mergeService.contacts(ctx(req), deps.mergeHooks, req.params.id, req.body),
  );
};
