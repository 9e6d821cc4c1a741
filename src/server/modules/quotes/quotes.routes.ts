import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../../shared/schemas/common.js';
import {
  CompanySettingsSchema,
  type Quote,
  type QuoteAction,
  QuoteActionSchema,
  QuoteCreateSchema,
  QuoteListQuerySchema,
  QuotePageSchema,
  QuotePdfQuerySchema,
  QuoteSchema,
  QuoteUpdateSchema,
  QuoteVersionsSchema,
} from '../../../shared/schemas/quotes.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import type { Ctx } from '../../platform/context.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { companySettingsService } from './company-settings.service.js';
import { quotePdf } from './quote-print.js';
import { quoteStatusService, registerQuoteApprovals } from './quote-status.js';
import { QUOTE_SCOPE } from './quotes.repository.js';
import { quotesService } from './quotes.service.js';

export const quoteRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['quotes'];

  registerCrudRoutes(app, deps, {
    path: '/quotes',
    noun: 'quote',
    tag: 'quotes',
    schemas: { query: QuoteListQuerySchema, create: QuoteCreateSchema, update: QuoteUpdateSchema, record: QuoteSchema, page: QuotePageSchema },
    service: quotesService,
  });

  const action = (path: string, summary: string, run: (c: Ctx, id: string, body: QuoteAction) => Promise<Quote>) =>
    r.post(
      `/quotes/:id/${path}`,
      { schema: { tags, summary, params: IdParamsSchema, body: QuoteActionSchema, response: { 200: QuoteSchema, ...ERROR_RESPONSES } } },
      (req) => run(ctx(req), req.params.id, req.body),
    );
  action('send', 'Send a draft (goes to approval first when its discount is above what your role may give)', (c, id, body) =>
    quoteStatusService.send(c, id, body),
  );
  action('accept', 'Record that the customer accepted a sent quote', (c, id, body) => quoteStatusService.decide(c, id, body, 'accepted'));
  action('reject', 'Record that the customer rejected a sent quote', (c, id, body) => quoteStatusService.decide(c, id, body, 'rejected'));
  action('revise', 'Create the next version (a draft copy); this version becomes read-only', (c, id, body) => quoteStatusService.revise(c, id, body));

  r.get(
    '/quotes/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every version of the quote’s number, oldest first',
        params: IdParamsSchema,
        response: { 200: QuoteVersionsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => quotesService.versions(ctx(req), req.params.id),
  );

  r.get(
    '/quotes/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The printable quote as PDF (labels in the chosen language)',
        params: IdParamsSchema,
        querystring: QuotePdfQuerySchema,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      const { doc, fileName } = await quotePdf(ctx(req), req.params.id, req.query.lang);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${fileName}"`).send(doc);
    },
  );

  r.get(
    '/settings/company',
    { schema: { tags: ['settings'], summary: 'Company header printed on quotes', response: { 200: CompanySettingsSchema, ...ERROR_RESPONSES } } },
    (req) => companySettingsService.get(ctx(req)),
  );
  r.put(
    '/settings/company',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the company header printed on quotes',
        body: CompanySettingsSchema,
        response: { 200: CompanySettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => companySettingsService.update(ctx(req), req.body),
  );

  deps.entities.register({
    type: 'quotes',
    canSee: (c, id) => quotesService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'quotes', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'quotes', titleColumn: 'number', module: 'quotes', scope: QUOTE_SCOPE }, page),
    restore: (c, id) => quotesService.restore(c, id),
  });
  registerQuoteApprovals();
};
