import type { FastifyPluginAsync } from 'fastify';
import { TeamCreateSchema, TeamListQuerySchema, TeamPageSchema, TeamSchema, TeamUpdateSchema } from '../../../shared/schemas/teams.js';
import { registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { TEAM_SCOPE } from './teams.repository.js';
import { teamsService } from './teams.service.js';

export const teamRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  registerCrudRoutes(app, deps, {
    path: '/teams',
    noun: 'team',
    tag: 'teams',
    schemas: { query: TeamListQuerySchema, create: TeamCreateSchema, update: TeamUpdateSchema, record: TeamSchema, page: TeamPageSchema },
    service: teamsService,
  });

  deps.entities.register({
    type: 'teams',
    canSee: (c, id) => teamsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'teams', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'teams', titleColumn: 'name', module: 'teams', scope: TEAM_SCOPE }, page),
    restore: (c, id) => teamsService.restore(c, id),
  });
};
