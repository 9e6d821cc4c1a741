import type { FastifyPluginAsync } from 'fastify';
import { ContactCreateSchema, ContactListQuerySchema, ContactPageSchema, ContactSchema, ContactUpdateSchema } from '../../../shared/schemas/customers.js';
import { registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { CONTACT_SCOPE } from './contacts.repository.js';
import { contactsService } from './contacts.service.js';

export const contactRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  registerCrudRoutes(app, deps, {
    path: '/contacts',
    noun: 'contact',
    tag: 'contacts',
    schemas: { query: ContactListQuerySchema, create: ContactCreateSchema, update: ContactUpdateSchema, record: ContactSchema, page: ContactPageSchema },
    service: contactsService,
  });

  deps.entities.register({
    type: 'contacts',
    canSee: (c, id) => contactsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'contacts', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'contacts', titleColumn: 'name', module: 'contacts', scope: CONTACT_SCOPE }, page),
    restore: (c, id) => contactsService.restore(c, id),
  });
};
