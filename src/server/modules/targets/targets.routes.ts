import type { FastifyPluginAsync } from 'fastify';
import { TargetCreateSchema, TargetListQuerySchema, TargetPageSchema, TargetSchema, TargetUpdateSchema } from '../../../shared/schemas/targets.js';
import { registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { TARGET_SCOPE } from './targets.repository.js';
import { targetsService } from './targets.service.js';

export const targetRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  registerCrudRoutes(app, deps, {
    path: '/targets',
    noun: 'target',
    tag: 'targets',
    schemas: { query: TargetListQuerySchema, create: TargetCreateSchema, update: TargetUpdateSchema, record: TargetSchema, page: TargetPageSchema },
    service: targetsService,
  });

  deps.entities.register({
    type: 'targets',
    canSee: (c, id) => targetsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'targets', 'delete'),
    // A target has no name; the recycle bin shows its period start.
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'targets', titleColumn: 'periodStart', module: 'targets', scope: TARGET_SCOPE }, page),
    restore: (c, id) => targetsService.restore(c, id),
  });
};
