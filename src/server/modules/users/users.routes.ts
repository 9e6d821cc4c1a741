import type { FastifyPluginAsync } from 'fastify';
import { UserCreateSchema, UserListQuerySchema, UserPageSchema, UserSchema, UserUpdateSchema } from '../../../shared/schemas/users.js';
import { registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { USER_SCOPE } from './users.repository.js';
import { usersService } from './users.service.js';

export const userRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  registerCrudRoutes(app, deps, {
    path: '/users',
    noun: 'user',
    tag: 'users',
    schemas: { query: UserListQuerySchema, create: UserCreateSchema, update: UserUpdateSchema, record: UserSchema, page: UserPageSchema },
    service: usersService,
  });

  deps.entities.register({
    type: 'users',
    canSee: (c, id) => usersService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'users', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'users', titleColumn: 'name', module: 'users', scope: USER_SCOPE }, page),
    restore: (c, id) => usersService.restore(c, id),
  });
};
