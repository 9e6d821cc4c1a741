import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiTokenCreatedSchema,
  ApiTokenCreateSchema,
  ApiTokenSchema,
  LoginResultSchema,
  LoginSchema,
  MeSchema,
  MeUpdateSchema,
  PasswordChangeSchema,
  SessionSchema,
} from '../../../shared/schemas/auth.js';
import { ErrorSchema, IdParamsSchema, NoContentSchema } from '../../../shared/schemas/common.js';
import { ctxOf, SESSION_COOKIE } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import { unauthorized } from '../../platform/errors.js';
import type { ModuleDeps } from '../deps.js';
import { authService } from './auth.service.js';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsync<ModuleDeps> = async (app, { db, config }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, db, config);
  const identity = (req: FastifyRequest) => {
    if (!req.identity) throw unauthorized();
    return req.identity;
  };
  const noContent = (reply: FastifyReply) => reply.code(204).send(null);

  r.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie and returns a bearer token',
        security: [],
        body: LoginSchema,
        response: { 200: LoginResultSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (req, reply) => {
      const result = await authService.login({ db, config, ip: req.ip }, req.body, req.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        path: '/',
        expires: new Date(result.sessionExpiresAt),
      });
      const { sessionExpiresAt, ...body } = result;
      return body;
    },
  );

  r.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out (ends this session)', response: { 204: NoContentSchema, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      await authService.logout(ctx(req), identity(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return noContent(reply);
    },
  );

  r.get('/auth/me', { schema: { tags, summary: 'The signed-in user and their permissions', response: { 200: MeSchema, ...ERROR_RESPONSES } } }, (req) =>
    authService.me(ctx(req), identity(req)),
  );
  r.patch(
    '/auth/me',
    { schema: { tags, summary: 'Change own name or language', body: MeUpdateSchema, response: { 200: MeSchema, ...ERROR_RESPONSES } } },
    (req) => authService.updateMe(ctx(req), identity(req), req.body),
  );
  r.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change own password; signs out other sessions',
        body: PasswordChangeSchema,
        response: { 204: NoContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      await authService.changePassword(ctx(req), identity(req), req.body);
      return noContent(reply);
    },
  );

  r.get(
    '/auth/sessions',
    { schema: { tags, summary: 'Own active sessions', response: { 200: z.object({ items: z.array(SessionSchema) }), ...ERROR_RESPONSES } } },
    (req) => authService.listSessions(ctx(req), identity(req)),
  );
  r.delete(
    '/auth/sessions/:id',
    { schema: { tags, summary: 'End one of own sessions', params: IdParamsSchema, response: { 204: NoContentSchema, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      await authService.revokeSession(ctx(req), req.params.id);
      return noContent(reply);
    },
  );

  r.get(
    '/auth/tokens',
    { schema: { tags, summary: 'Own personal API tokens', response: { 200: z.object({ items: z.array(ApiTokenSchema) }), ...ERROR_RESPONSES } } },
    (req) => authService.listTokens(ctx(req)),
  );
  r.post(
    '/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token (shown once)',
        body: ApiTokenCreateSchema,
        response: { 201: ApiTokenCreatedSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => reply.code(201).send(await authService.createToken(ctx(req), req.body)),
  );
  r.delete(
    '/auth/tokens/:id',
    { schema: { tags, summary: 'Revoke a personal API token', params: IdParamsSchema, response: { 204: NoContentSchema, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      await authService.revokeToken(ctx(req), req.params.id);
      return noContent(reply);
    },
  );
};
