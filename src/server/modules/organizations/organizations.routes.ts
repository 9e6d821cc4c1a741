import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/schemas/common.js';
import {
  ContactPageSchema,
  LifecycleHistorySchema,
  OrganizationContactsQuerySchema,
  OrganizationCreateSchema,
  OrganizationListQuerySchema,
  OrganizationPageSchema,
  OrganizationSchema,
  OrganizationUpdateSchema,
} from '../../../shared/schemas/customers.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import { contactsService } from '../contacts/contacts.service.js';
import type { ModuleDeps } from '../deps.js';
import { ORGANIZATION_SCOPE } from './organizations.repository.js';
import { organizationsService } from './organizations.service.js';

export const organizationRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['organizations'];

  registerCrudRoutes(app, deps, {
    path: '/organizations',
    noun: 'organization',
    tag: 'organizations',
    schemas: {
      query: OrganizationListQuerySchema,
      create: OrganizationCreateSchema,
      update: OrganizationUpdateSchema,
      record: OrganizationSchema,
      page: OrganizationPageSchema,
    },
    service: organizationsService,
  });

  r.get(
    '/organizations/:id/lifecycle',
    {
      schema: {
        tags,
        summary: 'Lifecycle history of an organization (newest first)',
        params: IdParamsSchema,
        response: { 200: LifecycleHistorySchema, ...ERROR_RESPONSES },
      },
    },
    (req) => organizationsService.lifecycle(ctx(req), req.params.id),
  );

  r.get(
    '/organizations/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts of an organization that you may see',
        params: IdParamsSchema,
        querystring: OrganizationContactsQuerySchema,
        response: { 200: ContactPageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => contactsService.listOfOrganization(ctx(req), req.params.id, req.query),
  );

  deps.entities.register({
    type: 'organizations',
    canSee: (c, id) => organizationsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'organizations', 'delete'),
    listDeleted: (c, page) =>
      listDeleted(c.db, c.actor, { table: 'organizations', titleColumn: 'name', module: 'organizations', scope: ORGANIZATION_SCOPE }, page),
    restore: (c, id) => organizationsService.restore(c, id),
  });
};
