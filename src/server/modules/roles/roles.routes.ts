import type { FastifyPluginAsync } from 'fastify';
import { RoleCreateSchema, RoleListQuerySchema, RolePageSchema, RoleSchema, RoleUpdateSchema } from '../../../shared/schemas/roles.js';
import { registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { rolesService } from './roles.service.js';

export const roleRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  registerCrudRoutes(app, deps, {
    path: '/roles',
    noun: 'role',
    tag: 'roles',
    schemas: { query: RoleListQuerySchema, create: RoleCreateSchema, update: RoleUpdateSchema, record: RoleSchema, page: RolePageSchema },
    service: rolesService,
  });

  deps.entities.register({
    type: 'roles',
    canSee: (c, id) => rolesService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'roles', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'roles', titleColumn: 'name', module: 'roles' }, page),
    restore: (c, id) => rolesService.restore(c, id),
  });
};
