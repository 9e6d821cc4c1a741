import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExportQuerySchema } from '../../../shared/schemas/exports.js';
import { VIEW_ENTITIES } from '../../../shared/schemas/views.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { exportsService } from './exports.service.js';
import { languageOf } from './labels.js';
import { ExportAborted } from './writers.js';

/** RFC 6266: a plain ASCII name for old clients and the real one, UTF-8 percent-encoded, in filename*. */
const disposition = (name: { ascii: string; utf8: string }) => `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`;

export const exportRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const entity of VIEW_ENTITIES) {
    r.get(
      `/${entity}/export`,
      {
        schema: {
          tags: [entity],
          summary: `Export the ${entity} list (its filters, sort and columns) as CSV or XLSX`,
          description: 'Streams every matching record you may see; needs the export permission. Audited.',
          querystring: ExportQuerySchema,
          // The body is a stream, which Fastify sends as it is; the schema only documents it.
          response: { 200: z.any().describe('The file: text/csv (UTF-8 with BOM) or XLSX'), ...ERROR_RESPONSES },
        },
      },
      async (req, reply) => {
        const ctx = ctxOf(req, deps.db, deps.config);
        const lang = languageOf(req.query.lang, req.headers['accept-language']);
        const prepared = await exportsService.prepare(ctx, entity, req.query, lang);
        const body = new PassThrough();
        // A download the user cancels destroys the stream; run() sees that and stops.
        body.on('error', () => undefined);
        prepared.run(body).catch((err) => {
          if (!(err instanceof ExportAborted)) req.log.error({ err }, 'export failed');
          body.destroy();
        });
        return reply
          .header('content-disposition', disposition(prepared.filename))
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .type(prepared.contentType)
          .send(body);
      },
    );
  }
};
