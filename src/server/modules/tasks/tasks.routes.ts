import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TaskCreateSchema, TaskListQuerySchema, TaskPageSchema, TaskSchema, TaskUpdateSchema } from '../../../shared/schemas/tasks.js';
import { TrackingSettingsSchema } from '../../../shared/schemas/tracking-settings.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { moveTasksOnMerge } from './merge.js';
import { TASK_SCOPE } from './tasks.repository.js';
import { tasksService } from './tasks.service.js';
import { trackingSettingsService } from './tracking-settings.service.js';

export const taskRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);

  registerCrudRoutes(app, deps, {
    path: '/tasks',
    noun: 'task',
    tag: 'tasks',
    schemas: { query: TaskListQuerySchema, create: TaskCreateSchema, update: TaskUpdateSchema, record: TaskSchema, page: TaskPageSchema },
    service: tasksService,
  });

  r.get(
    '/settings/tracking',
    {
      schema: {
        tags: ['settings'],
        summary: 'Tracking rules: days without contact, per tier, before the owner gets a follow-up task',
        response: { 200: TrackingSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => trackingSettingsService.get(ctx(req)),
  );
  r.put(
    '/settings/tracking',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the tracking rules (null switches a tier off)',
        body: TrackingSettingsSchema,
        response: { 200: TrackingSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => trackingSettingsService.update(ctx(req), req.body),
  );

  deps.entities.register({
    type: 'tasks',
    canSee: (c, id) => tasksService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'tasks', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'tasks', titleColumn: 'title', module: 'tasks', scope: TASK_SCOPE }, page),
    restore: (c, id) => tasksService.restore(c, id),
  });
  deps.mergeHooks.register('tasks', moveTasksOnMerge);
};
