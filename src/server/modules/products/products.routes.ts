import type { FastifyPluginAsync } from 'fastify';
import {
  PriceListCreateSchema,
  PriceListListQuerySchema,
  PriceListPageSchema,
  PriceListSchema,
  PriceListUpdateSchema,
  ProductCreateSchema,
  ProductListQuerySchema,
  ProductPageSchema,
  ProductSchema,
  ProductUpdateSchema,
} from '../../../shared/schemas/products.js';
import { registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { priceListsService } from './price-lists.service.js';
import { productsService } from './products.service.js';

export const productRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  registerCrudRoutes(app, deps, {
    path: '/products',
    noun: 'product',
    tag: 'products',
    schemas: { query: ProductListQuerySchema, create: ProductCreateSchema, update: ProductUpdateSchema, record: ProductSchema, page: ProductPageSchema },
    service: productsService,
  });
  registerCrudRoutes(app, deps, {
    path: '/price-lists',
    noun: 'price list',
    tag: 'products',
    schemas: {
      query: PriceListListQuerySchema,
      create: PriceListCreateSchema,
      update: PriceListUpdateSchema,
      record: PriceListSchema,
      page: PriceListPageSchema,
    },
    service: priceListsService,
  });

  deps.entities.register({
    type: 'products',
    canSee: (c, id) => productsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'products', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'products', titleColumn: 'name', module: 'products' }, page),
    restore: (c, id) => productsService.restore(c, id),
  });
  deps.entities.register({
    type: 'price_lists',
    canSee: (c, id) => priceListsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'products', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'priceLists', titleColumn: 'name', module: 'products' }, page),
    restore: (c, id) => priceListsService.restore(c, id),
  });
};
