import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { DbHandle } from './db/connection.js';
import { activityRoutes } from './modules/activities/activities.routes.js';
import { approvalRoutes } from './modules/approvals/approvals.routes.js';
import { archiveRoutes } from './modules/archives/archives.routes.js';
import { assessmentRoutes } from './modules/assessments/assessments.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { contactRoutes } from './modules/contacts/contacts.routes.js';
import { customFieldRoutes } from './modules/custom-fields/custom-fields.routes.js';
import { withCustomFields } from './modules/custom-fields/openapi.js';
import { decisionChainRoutes } from './modules/decision-chain/decision-chain.routes.js';
import type { ModuleDeps } from './modules/deps.js';
import { duplicateRoutes } from './modules/duplicates/duplicates.routes.js';
import { expansionCardRoutes } from './modules/expansion-cards/expansion-cards.routes.js';
import { exportRoutes } from './modules/exports/exports.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { importRoutes } from './modules/imports/imports.routes.js';
import { leadRoutes } from './modules/leads/leads.routes.js';
import { mailSettingsRoutes } from './modules/mail/mail.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { opportunityRoutes } from './modules/opportunities/opportunities.routes.js';
import { orderRoutes } from './modules/orders/orders.routes.js';
import { organizationRoutes } from './modules/organizations/organizations.routes.js';
import { poolRoutes } from './modules/pool/pool.routes.js';
import { productRoutes } from './modules/products/products.routes.js';
import { quoteRoutes } from './modules/quotes/quotes.routes.js';
import { recycleBinRoutes } from './modules/recycle-bin/recycle-bin.routes.js';
import { regionRoutes } from './modules/regions/regions.routes.js';
import { relationshipPlanRoutes } from './modules/relationship-plans/relationship-plans.routes.js';
import { salesReportRoutes } from './modules/reports/reports.routes.js';
import { roleRoutes } from './modules/roles/roles.routes.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { targetRoutes } from './modules/targets/targets.routes.js';
import { taskRoutes } from './modules/tasks/tasks.routes.js';
import { teamRoutes } from './modules/teams/teams.routes.js';
import { userRoutes } from './modules/users/users.routes.js';
import { viewRoutes } from './modules/views/views.routes.js';
import { registerAuth } from './platform/auth/plugin.js';
import { EntityRegistry } from './platform/entities.js';
import { registerErrorHandler } from './platform/error-handler.js';
import { AppError } from './platform/errors.js';
import { lazySchemaCompilers } from './platform/lazy-schema-compilers.js';
import { MergeHooks } from './platform/merge-hooks.js';
import { createResponseSerializer } from './platform/response-serializer.js';
import { registerSecurityHeaders } from './platform/security-headers.js';

export interface BuildOptions {
  config: Config;
  database: DbHandle;
  /** Pino options, or false for silence in tests. */
  logger?: boolean | object;
  /** Called for every route as it is registered (tests check each one is documented). */
  onRoute?: (route: RouteOptions) => void;
}

/** Builds the whole app (plugins + modules) without listening, so tests can inject requests. */
export async function buildApp({ config, database, logger, onRoute }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: process.env.TRUST_PROXY === 'true',
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false } },
    schemaController: { compilersFactory: lazySchemaCompilers() },
    // Malformed URLs and content types answer in our error shape too.
    frameworkErrors: (err, _req, reply) => {
      (reply as unknown as FastifyReply).code(err.statusCode ?? 400).send({ error: { code: 'bad_request', message: err.message } });
    },
  });
  // Text columns cannot hold NUL (PostgreSQL refuses it); no legitimate input contains one.
  app.addHook('preValidation', async (req) => {
    const hasNul = (v: unknown): boolean =>
      typeof v === 'string' ? v.includes('\u0000') : v !== null && typeof v === 'object' ? Object.values(v).some(hasNul) : false;
    if (hasNul(req.query) || hasNul(req.params) || hasNul(req.body)) {
      throw new AppError('validation_failed', 'Text may not contain NUL characters', 400);
    }
  });
  if (onRoute) app.addHook('onRoute', onRoute);
  app.setValidatorCompiler(validatorCompiler);
  // Tests (vitest sets NODE_ENV=test) validate every response with zod as well; see response-serializer.ts.
  app.setSerializerCompiler(createResponseSerializer({ checked: process.env.NODE_ENV === 'test' }));
  registerErrorHandler(app);
  // The API speaks JSON only; refusing text/plain also shuts the door on form-style cross-site posts.
  app.removeContentTypeParser('text/plain');

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.secureCookies,
  });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Guanxi CRM API', version: '0.1.0', description: 'Every route of the Guanxi web app.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Session token or personal API token' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'guanxi_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: false } });

  const { db } = database;
  registerAuth(app, db, config);
  const deps: ModuleDeps = { db, config, entities: new EntityRegistry(), mergeHooks: new MergeHooks() };
  await app.register(
    async (api) => {
      await api.register(healthRoutes, deps);
      await api.register(authRoutes, deps);
      await api.register(userRoutes, deps);
      await api.register(teamRoutes, deps);
      await api.register(roleRoutes, deps);
      await api.register(organizationRoutes, deps);
      await api.register(poolRoutes, deps);
      await api.register(contactRoutes, deps);
      await api.register(duplicateRoutes, deps);
      await api.register(customFieldRoutes, deps);
      await api.register(viewRoutes, deps);
      await api.register(exportRoutes, deps);
      await api.register(importRoutes, deps);
      await api.register(activityRoutes, deps);
      await api.register(taskRoutes, deps);
      await api.register(notificationRoutes, deps);
      await api.register(mailSettingsRoutes, deps);
      await api.register(calendarRoutes, deps);
      await api.register(auditRoutes, deps);
      await api.register(recycleBinRoutes, deps);
      await api.register(regionRoutes, deps);
      await api.register(searchRoutes, deps);
      await api.register(leadRoutes, deps);
      await api.register(approvalRoutes, deps);
      await api.register(opportunityRoutes, deps);
      await api.register(productRoutes, deps);
      await api.register(quoteRoutes, deps);
      await api.register(orderRoutes, deps);
      await api.register(targetRoutes, deps);
      await api.register(salesReportRoutes, deps);
      await api.register(decisionChainRoutes, deps);
      await api.register(assessmentRoutes, deps);
      await api.register(relationshipPlanRoutes, deps);
      await api.register(expansionCardRoutes, deps);
      await api.register(archiveRoutes, deps);
    },
    { prefix: '/api' },
  );

  // Custom fields are workspace data: a signed-in caller's document lists the live ones where records carry `custom`.
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async (req) =>
    req.identity ? withCustomFields(app.swagger(), db) : app.swagger(),
  );

  serveWebApp(app, config.webDist);
  return app;
}

/** The built single-page app; any non-API GET falls back to index.html for client-side routes. */
function serveWebApp(app: FastifyInstance, dist: string): void {
  const index = path.join(dist, 'index.html');
  const hasWeb = fs.existsSync(index);
  if (hasWeb) app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api')) {
      return reply.type('text/html').send(fs.createReadStream(index));
    }
    return reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
}
