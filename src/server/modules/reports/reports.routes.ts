import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SalesReportParamsSchema, SalesReportQuerySchema, SalesReportSchema } from '../../../shared/schemas/reports.js';
import { auditAs } from '../../platform/audit.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { languageOf } from '../exports/labels.js';
import { CONTENT_TYPES } from '../exports/writers.js';
import { reportFilename, writeReport } from './reports.export.js';
import { reportsService } from './reports.service.js';

const disposition = (name: { ascii: string; utf8: string }) => `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`;

export const salesReportRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/reports/sales/:report',
    {
      schema: {
        tags: ['reports'],
        summary: 'A sales report: funnel, win-rate, sales-cycle, forecast, revenue, new-customers or overdue-receivables',
        description:
          'Aggregated in SQL over the records your reports scope covers, in one currency. With format=csv|xlsx the table comes as a file (reports export permission; audited).',
        params: SalesReportParamsSchema,
        querystring: SalesReportQuerySchema,
        response: { 200: SalesReportSchema.or(z.any().describe('With format: the file (text/csv UTF-8 with BOM, or XLSX)')), ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps.db, deps.config);
      const lang = languageOf(req.query.lang, req.headers['accept-language']);
      const report = await reportsService.run(ctx, req.params.report, req.query, lang);
      const format = req.query.format;
      if (!format) return report;
      await auditAs(ctx.db, ctx.actor, 'export', 'reports', req.params.report, {
        meta: { format, from: report.from, to: report.to, currency: report.currency },
      });
      // A report's table is small (one row per group): it is written whole, then sent.
      const body = new PassThrough();
      const chunks: Buffer[] = [];
      body.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((resolve, reject) => {
        body.on('end', resolve);
        body.on('error', reject);
      });
      await writeReport(report, format, lang, body);
      await done;
      return reply
        .header('content-disposition', disposition(reportFilename(report, format, lang)))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .type(CONTENT_TYPES[format])
        .send(Buffer.concat(chunks));
    },
  );
};
