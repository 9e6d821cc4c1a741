import type { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AttachmentParamsSchema,
  AttachmentSchema,
  EnterpriseArchiveSchema,
  EnterpriseArchiveUpdateSchema,
  MAX_ATTACHMENT_BYTES,
  OrganizationParamsSchema,
  SupplierArchiveSchema,
  SupplierArchiveUpdateSchema,
} from '../../../shared/schemas/archives.js';
import { ErrorSchema, NoContentSchema } from '../../../shared/schemas/common.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import { badRequest } from '../../platform/errors.js';
import type { ModuleDeps } from '../deps.js';
import { archivesService } from './archives.service.js';

const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const archiveRoutes: FastifyPluginAsync<ModuleDeps> = async (parent, { db, config }) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  // Registered here, not app-wide: only attachment uploads take multipart bodies. One byte over the
  // limit is let through so the service can tell a too-large file from one exactly at the limit.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 3 } });
  const tags = ['archives'];
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, db, config);

  app.get(
    '/archives/:organizationId',
    {
      schema: {
        tags,
        summary: 'The enterprise archive (客户企业档案) of a key account: seven sections with their attachments',
        params: OrganizationParamsSchema,
        response: { 200: EnterpriseArchiveSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => archivesService.getEnterprise(ctx(req), req.params.organizationId),
  );
  app.put(
    '/archives/:organizationId',
    {
      schema: {
        tags,
        summary: 'Save sections of the enterprise archive (HTML is sanitised; send each section’s version)',
        params: OrganizationParamsSchema,
        body: EnterpriseArchiveUpdateSchema,
        response: { 200: EnterpriseArchiveSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => archivesService.updateEnterprise(ctx(req), req.params.organizationId, req.body),
  );
  app.get(
    '/archives/:organizationId/supplier',
    {
      schema: {
        tags,
        summary: 'The supplier archive (供应商档案): our position against each competing supplier',
        params: OrganizationParamsSchema,
        response: { 200: SupplierArchiveSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => archivesService.getSuppliers(ctx(req), req.params.organizationId),
  );
  app.put(
    '/archives/:organizationId/supplier',
    {
      schema: {
        tags,
        summary: 'Replace the list of competing suppliers (HTML is sanitised)',
        params: OrganizationParamsSchema,
        body: SupplierArchiveUpdateSchema,
        response: { 200: SupplierArchiveSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => archivesService.updateSuppliers(ctx(req), req.params.organizationId, req.body),
  );

  app.post(
    '/archives/:organizationId/attachments',
    {
      schema: {
        tags,
        summary: `Attach a file to a section of the enterprise archive (multipart: field "section", then field "file"; up to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB)`,
        consumes: ['multipart/form-data'],
        params: OrganizationParamsSchema,
        querystring: z.object({ section: z.string().max(40).optional().describe('The section, if not sent as a field') }),
        response: { 201: AttachmentSchema, 413: ErrorSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('validation_failed', 'Send the file as multipart/form-data', { file: 'Required' });
      let section = req.query.section;
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'section') section = String(part.value);
          continue;
        }
        const result = await archivesService.upload(ctx(req), req.params.organizationId, section ?? '', {
          fileName: part.filename || 'file',
          mime: part.mimetype,
          stream: part.file as unknown as Readable,
        });
        return reply.code(201).send(result);
      }
      throw badRequest('validation_failed', 'No file was sent', { file: 'Required' });
    },
  );
  app.get(
    '/archives/:organizationId/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Download an attachment (always as a download, with a safe content type)',
        params: AttachmentParamsSchema,
        response: { 200: z.any().describe('The file'), ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const file = await archivesService.download(ctx(req), req.params.organizationId, req.params.id);
      return reply
        .header('content-disposition', disposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(file.contentType)
        .send(file.bytes);
    },
  );
  app.delete(
    '/archives/:organizationId/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Remove an attachment (kept in the database as deleted; audited)',
        params: AttachmentParamsSchema,
        response: { 204: NoContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      await archivesService.removeAttachment(ctx(req), req.params.organizationId, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
