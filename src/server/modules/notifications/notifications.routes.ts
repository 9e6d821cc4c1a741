import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, NoContentSchema } from '../../../shared/schemas/common.js';
import { NotificationListQuerySchema, NotificationPageSchema, UnreadCountSchema } from '../../../shared/schemas/notifications.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { notificationsService as service } from './notifications.service.js';

export const notificationRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['notifications'];

  r.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications: unread first, newest first',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationPageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.list(ctx(req), req.query),
  );
  r.get(
    '/notifications/unread-count',
    { schema: { tags, summary: 'How many of your notifications are unread', response: { 200: UnreadCountSchema, ...ERROR_RESPONSES } } },
    (req) => service.unreadCount(ctx(req)),
  );
  r.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of your notifications read', params: IdParamsSchema, response: { 204: NoContentSchema, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      await service.markRead(ctx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: { 200: z.object({ updated: z.number().int() }), ...ERROR_RESPONSES },
      },
    },
    (req) => service.markAllRead(ctx(req)),
  );
};
