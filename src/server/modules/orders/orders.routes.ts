import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorSchema, IdParamsSchema, NoContentSchema } from '../../../shared/schemas/common.js';
import {
  InstallmentPlanSchema,
  OrderCreateSchema,
  OrderDetailSchema,
  OrderListQuerySchema,
  OrderPageSchema,
  OrderSettingsSchema,
  OrderTransitionSchema,
  OrderUpdateSchema,
  PaymentCreateSchema,
  PaymentListQuerySchema,
  PaymentPageSchema,
  PaymentSchema,
  PaymentUpdateSchema,
  ReceivablePageSchema,
  ReceivableQuerySchema,
  RemindResultSchema,
} from '../../../shared/schemas/orders.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import { listDeleted } from '../../platform/soft-delete.js';
import type { ModuleDeps } from '../deps.js';
import { remindNow } from './collection.js';
import { orderSettingsService } from './order-settings.service.js';
import { registerOrderApprovals } from './orders.approval.js';
import { ORDER_SCOPE } from './orders.repository.js';
import { ordersService } from './orders.service.js';
import { PAYMENT_SCOPE } from './payments.repository.js';
import { paymentsService } from './payments.service.js';
import { receivablesService } from './receivables.service.js';

/** Business rules broken by valid input (a plan that does not add up, an overpayment) answer 422. */
const RULE_RESPONSES = { ...ERROR_RESPONSES, 422: ErrorSchema };

export const orderRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);

  registerCrudRoutes(app, deps, {
    path: '/orders',
    noun: 'order',
    tag: 'orders',
    schemas: { query: OrderListQuerySchema, create: OrderCreateSchema, update: OrderUpdateSchema, record: OrderDetailSchema, page: OrderPageSchema },
    service: ordersService,
  });

  r.post(
    '/orders/:id/transition',
    {
      schema: {
        tags: ['orders'],
        summary: 'Activate (through approval when the amount needs it), complete or cancel an order',
        params: IdParamsSchema,
        body: OrderTransitionSchema,
        response: { 200: OrderDetailSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => ordersService.transition(ctx(req), req.params.id, req.body),
  );

  r.put(
    '/orders/:id/installments',
    {
      schema: {
        tags: ['orders'],
        summary: 'Replace the payment plan; the installments must add up to the order total (422 otherwise)',
        params: IdParamsSchema,
        body: InstallmentPlanSchema,
        response: { 200: OrderDetailSchema, ...RULE_RESPONSES },
      },
    },
    (req) => ordersService.replacePlan(ctx(req), req.params.id, req.body),
  );

  const payments = ['payments'];
  r.get(
    '/payments',
    {
      schema: {
        tags: payments,
        summary: 'List received payments (回款)',
        querystring: PaymentListQuerySchema,
        response: { 200: PaymentPageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => paymentsService.list(ctx(req), req.query),
  );
  r.get(
    '/payments/:id',
    { schema: { tags: payments, summary: 'Get a payment', params: IdParamsSchema, response: { 200: PaymentSchema, ...ERROR_RESPONSES } } },
    (req) => paymentsService.get(ctx(req), req.params.id),
  );
  r.post(
    '/payments',
    {
      schema: {
        tags: payments,
        summary: 'Record a received payment against an active order (more than is open answers 422)',
        body: PaymentCreateSchema,
        response: { 201: PaymentSchema, ...RULE_RESPONSES },
      },
    },
    async (req, reply) => reply.code(201).send(await paymentsService.create(ctx(req), req.body)),
  );
  r.patch(
    '/payments/:id',
    {
      schema: {
        tags: payments,
        summary: 'Change the method, reference or notes of a payment (send the version you read)',
        params: IdParamsSchema,
        body: PaymentUpdateSchema,
        response: { 200: PaymentSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => paymentsService.update(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/payments/:id',
    {
      schema: {
        tags: payments,
        summary: 'Delete a payment (to the recycle bin); its amount is taken back from the installments and the order',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => {
      await paymentsService.remove(ctx(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/receivables',
    {
      schema: {
        tags: ['receivables'],
        summary: 'Outstanding and overdue installments with aging buckets (0–30, 31–60, 61–90, 90+ days) and totals per currency',
        querystring: ReceivableQuerySchema,
        response: { 200: ReceivablePageSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => receivablesService.list(ctx(req), req.query),
  );
  r.post(
    '/receivables/remind',
    {
      schema: {
        tags: ['receivables'],
        summary: 'Send the collection reminders (帐款催收) due now, for the orders in your team or all scope',
        response: { 200: RemindResultSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => remindNow(ctx(req)),
  );

  r.get(
    '/settings/orders',
    { schema: { tags: ['settings'], summary: 'Collection reminder settings', response: { 200: OrderSettingsSchema, ...ERROR_RESPONSES } } },
    (req) => orderSettingsService.get(ctx(req)),
  );
  r.put(
    '/settings/orders',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the collection reminder settings',
        body: OrderSettingsSchema,
        response: { 200: OrderSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => orderSettingsService.update(ctx(req), req.body),
  );

  deps.entities.register({
    type: 'orders',
    canSee: (c, id) => ordersService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'orders', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'orders', titleColumn: 'number', module: 'orders', scope: ORDER_SCOPE }, page),
    restore: (c, id) => ordersService.restore(c, id),
  });
  deps.entities.register({
    type: 'payments',
    canSee: (c, id) => paymentsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'orders', 'delete'),
    listDeleted: (c, page) => listDeleted(c.db, c.actor, { table: 'payments', titleColumn: 'receivedOn', module: 'orders', scope: PAYMENT_SCOPE }, page),
    restore: (c, id) => paymentsService.restore(c, id),
  });
  registerOrderApprovals({
    title: (db, id) => ordersService.approvalTitle(db, id),
    onDecided: (trx, id, outcome) => ordersService.approvalDecided(trx, id, outcome),
    canSee: (c, id) => ordersService.canSee(c, id),
  });
};
