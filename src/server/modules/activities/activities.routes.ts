import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActivityCreateSchema,
  ActivityListQuerySchema,
  ActivityPageSchema,
  ActivitySchema,
  ActivityUpdateSchema,
  TimelinePageSchema,
  TimelineQuerySchema,
} from '../../../shared/schemas/activities.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { ACTIVITY_SCOPE } from './activities.repository.js';
import { activitiesService } from './activities.service.js';

export const activityRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);

  // Before the CRUD routes only for reading order; Fastify prefers the static segment over ":id" anyway.
  r.get(
    '/activities/timeline',
    {
      schema: {
        tags: ['activities'],
        summary: 'The 360° timeline of an organization or a contact: activities, changes and lifecycle steps, newest first',
        querystring: TimelineQuerySchema,
        response: { 200: TimelinePageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => activitiesService.timeline(ctx(req), req.query),
  );

  registerCrudRoutes(app, deps, {
    path: '/activities',
    noun: 'activity',
    tag: 'activities',
    schemas: { query: ActivityListQuerySchema, create: ActivityCreateSchema, update: ActivityUpdateSchema, record: ActivitySchema, page: ActivityPageSchema },
    service: activitiesService,
  });

  deps.entities.register({
    type: 'activities',
    canSee: (c, id) => activitiesService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'activities', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'activities', titleColumn: 'subject', module: 'activities', scope: ACTIVITY_SCOPE }, page),
    restore: (c, id) => activitiesService.restore(c, id),
  });

  deps.mergeHooks.register('activities', activitiesService.moveOnMerge);
};
