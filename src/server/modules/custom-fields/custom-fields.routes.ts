import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema, NoContentSchema } from '../../../shared/schemas/common.js';
import {
  CustomFieldCatalogSchema,
  CustomFieldCreateSchema,
  CustomFieldListQuerySchema,
  CustomFieldSchema,
  CustomFieldUpdateSchema,
  FieldGroupCreateSchema,
  FieldGroupSchema,
  FieldGroupUpdateSchema,
} from '../../../shared/schemas/custom-fields.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import type { ModuleDeps } from '../deps.js';
import { FIELD_TYPE, GROUP_TYPE, customFieldsService as service } from './custom-fields.service.js';

export const customFieldRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['custom fields'];
  const deleted = { 204: NoContentSchema, ...ERROR_RESPONSES };

  r.get(
    '/custom-fields',
    {
      schema: {
        tags,
        summary: 'Field groups and custom fields of a record type, in form order',
        querystring: CustomFieldListQuerySchema,
        response: { 200: CustomFieldCatalogSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.catalog(ctx(req), req.query.entity),
  );
  r.post(
    '/custom-fields',
    {
      schema: { tags, summary: 'Add a custom field (settings admin)', body: CustomFieldCreateSchema, response: { 201: CustomFieldSchema, ...ERROR_RESPONSES } },
    },
    async (req, reply) => reply.code(201).send(await service.createField(ctx(req), req.body)),
  );
  r.patch(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom field (send the version you read; key, record type and type are fixed)',
        params: IdParamsSchema,
        body: CustomFieldUpdateSchema,
        response: { 200: CustomFieldSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.updateField(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/custom-fields/:id',
    { schema: { tags, summary: 'Delete a custom field (to the recycle bin; values stay in the records)', params: IdParamsSchema, response: deleted } },
    async (req, reply) => {
      await service.removeField(ctx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/custom-fields/groups',
    { schema: { tags, summary: 'Add a field group (settings admin)', body: FieldGroupCreateSchema, response: { 201: FieldGroupSchema, ...ERROR_RESPONSES } } },
    async (req, reply) => reply.code(201).send(await service.createGroup(ctx(req), req.body)),
  );
  r.patch(
    '/custom-fields/groups/:id',
    {
      schema: {
        tags,
        summary: 'Rename or move a field group (send the version you read)',
        params: IdParamsSchema,
        body: FieldGroupUpdateSchema,
        response: { 200: FieldGroupSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.updateGroup(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/custom-fields/groups/:id',
    { schema: { tags, summary: 'Delete a field group (to the recycle bin; its fields show under "Other")', params: IdParamsSchema, response: deleted } },
    async (req, reply) => {
      await service.removeGroup(ctx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  for (const [type, table, restore] of [
    [FIELD_TYPE, 'customFields', service.restoreField],
    [GROUP_TYPE, 'fieldGroups', service.restoreGroup],
  ] as const) {
    deps.entities.register({
      type,
      canSee: (c, id) => service.canSee(c, table, id),
      canRestore: (c) => can(c.actor, 'settings', 'admin'),
      listDeleted: (c, page) => service.listDeleted(c, table, page),
      restore,
    });
  }
};
