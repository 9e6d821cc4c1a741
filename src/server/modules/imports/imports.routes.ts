import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../../shared/schemas/common.js';
import {
  ImportEntitySchema,
  ImportListQuerySchema,
  ImportPageSchema,
  ImportPreviewBodySchema,
  ImportPreviewSchema,
  ImportSchema,
  ImportStartSchema,
  ImportUploadResultSchema,
} from '../../../shared/schemas/imports.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import { badRequest } from '../../platform/errors.js';
import type { ModuleDeps } from '../deps.js';
import { importsService } from './imports.service.js';

/** Largest file accepted (a million rows of a typical customer list is well under it). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const importRoutes: FastifyPluginAsync<ModuleDeps> = async (parent, { db, config }) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  // Registered here, not app-wide: only the upload takes multipart bodies.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } });
  const tags = ['imports'];
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, db, config);

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Upload a CSV or XLSX file to import (multipart: field "entity", then field "file")',
        description:
          'Stores the file, detects its encoding (UTF-8, UTF-8 with BOM, GBK/GB18030) and headers, and guesses the column mapping. ' +
          'Nothing is imported until POST /api/imports/{id}/start. The entity may also be given as ?entity=.',
        consumes: ['multipart/form-data'],
        querystring: z.object({ entity: ImportEntitySchema.optional() }),
        response: { 201: ImportUploadResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('validation_failed', 'Send the file as multipart/form-data', { file: 'Required' });
      let entity = req.query.entity as string | undefined;
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'entity') entity = String(part.value);
          continue;
        }
        const parsed = ImportEntitySchema.safeParse(entity);
        if (!parsed.success) {
          part.file.resume();
          throw badRequest('validation_failed', 'Say which records the file holds', { entity: 'Choose organizations or contacts (before the file)' });
        }
        const result = await importsService.upload(ctx(req), parsed.data, part.filename || 'upload', part.file as unknown as Readable, MAX_FILE_BYTES);
        return reply.code(201).send(result);
      }
      throw badRequest('validation_failed', 'No file was sent', { file: 'Required' });
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Imports the caller may see, newest first',
        querystring: ImportListQuerySchema,
        response: { 200: ImportPageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => importsService.list(ctx(req), req.query),
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import with its progress (poll it while it runs)',
        params: IdParamsSchema,
        response: { 200: ImportSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => importsService.get(ctx(req), req.params.id),
  );

  app.post(
    '/imports/:id/preview',
    {
      schema: {
        tags,
        summary: 'Check the first rows under a column mapping, without importing',
        params: IdParamsSchema,
        body: ImportPreviewBodySchema,
        response: { 200: ImportPreviewSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => importsService.preview(ctx(req), req.params.id, req.body.mapping),
  );

  app.post(
    '/imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Start the import in the background with a mapping and a duplicate mode',
        params: IdParamsSchema,
        body: ImportStartSchema,
        response: { 200: ImportSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => importsService.start(ctx(req), req.params.id, req.body),
  );

  app.post(
    '/imports/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an import (rows already committed stay)',
        params: IdParamsSchema,
        body: z.object({}).optional(),
        response: { 200: ImportSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => importsService.cancel(ctx(req), req.params.id),
  );

  app.get(
    '/imports/:id/report.csv',
    {
      schema: {
        tags,
        summary: 'The validation report: one line per problem (row, column, reason), as CSV',
        params: IdParamsSchema,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV (UTF-8 with BOM)'), ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const lines = await importsService.report(ctx(req), req.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${req.params.id}-report.csv"`)
        .send(Readable.from(lines) as never);
    },
  );
};
