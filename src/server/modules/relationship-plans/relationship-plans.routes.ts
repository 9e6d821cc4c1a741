import type { FastifyPluginAsync } from 'fastify';
import { PlanCreateSchema, PlanListQuerySchema, PlanPageSchema, PlanSchema, PlanUpdateSchema } from '../../../shared/schemas/relationship-plans.js';
import { registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import type { ModuleDeps } from '../deps.js';
import { relationshipPlansService } from './relationship-plans.service.js';

export const relationshipPlanRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  registerCrudRoutes(app, deps, {
    path: '/relationship-plans',
    noun: 'relationship plan',
    tag: 'key-accounts',
    schemas: { query: PlanListQuerySchema, create: PlanCreateSchema, update: PlanUpdateSchema, record: PlanSchema, page: PlanPageSchema },
    service: relationshipPlansService,
  });

  deps.entities.register({
    type: 'relationship_plans',
    canSee: (c, id) => relationshipPlansService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'key_accounts', 'delete'),
    listDeleted: (c, page) => relationshipPlansService.listDeleted(c, page),
    restore: (c, id) => relationshipPlansService.restore(c, id),
  });
};
