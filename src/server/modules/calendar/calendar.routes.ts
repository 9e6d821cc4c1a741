import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalendarQuerySchema,
  CalendarSchema,
  FeedStatusSchema,
  FeedTokenRequestSchema,
  FeedTokenSchema,
  IcsQuerySchema,
} from '../../../shared/schemas/calendar.js';
import { NoContentSchema } from '../../../shared/schemas/common.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { calendarService as service } from './calendar.service.js';

export const calendarRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['calendar'];

  r.get(
    '/calendar',
    {
      schema: {
        tags,
        summary: 'Tasks (by due time) and meetings/visits of a person in a range of at most 62 days',
        querystring: CalendarQuerySchema,
        response: { 200: CalendarSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.range(ctx(req), req.query),
  );
  r.get(
    '/calendar/feed-token',
    { schema: { tags, summary: 'Whether you have a calendar feed URL', response: { 200: FeedStatusSchema, ...ERROR_RESPONSES } } },
    (req) => service.feedStatus(ctx(req)),
  );
  r.post(
    '/calendar/feed-token',
    {
      schema: {
        tags,
        summary: 'Create or replace your calendar feed URL (ICS); the previous URL stops working',
        body: FeedTokenRequestSchema,
        response: { 200: FeedTokenSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.rotateFeedToken(ctx(req), req.body, `${req.protocol}://${req.host}`),
  );
  r.delete(
    '/calendar/feed-token',
    { schema: { tags, summary: 'Switch your calendar feed URL off', response: { 204: NoContentSchema, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      await service.revokeFeedToken(ctx(req));
      return reply.code(204).send(null);
    },
  );
  // Calendar apps cannot sign in: the secret in the URL is the credential.
  r.get(
    '/calendar.ics',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Your tasks and meetings as an iCalendar feed (text/calendar), for the URL from POST /api/calendar/feed-token',
        security: [],
        querystring: IcsQuerySchema,
        response: { 200: z.string().describe('An iCalendar (RFC 5545) document'), 400: ERROR_RESPONSES[400], 404: ERROR_RESPONSES[404] },
      },
    },
    async (req, reply) => {
      const body = await service.feed(deps.db, deps.config, req.query.token);
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, no-cache').send(body);
    },
  );
};
