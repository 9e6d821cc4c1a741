import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/schemas/common.js';
import {
  CardReviewCreateSchema,
  ExpansionCardCreateSchema,
  ExpansionCardListQuerySchema,
  ExpansionCardPageSchema,
  ExpansionCardSchema,
  ExpansionCardUpdateSchema,
  HandoverResultSchema,
  HandoverSchema,
} from '../../../shared/schemas/expansion-cards.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES, registerCrudRoutes } from '../../platform/crud-routes.js';
import { can } from '../../platform/permissions.js';
import type { ModuleDeps } from '../deps.js';
import { CARD_TYPE, expansionCardsService } from './expansion-cards.service.js';

export const expansionCardRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['expansion-cards'];

  registerCrudRoutes(app, deps, {
    path: '/expansion-cards',
    noun: 'expansion card (confidential: owner, managers up the team tree and sponsor only)',
    tag: 'expansion-cards',
    schemas: {
      query: ExpansionCardListQuerySchema,
      create: ExpansionCardCreateSchema,
      update: ExpansionCardUpdateSchema,
      record: ExpansionCardSchema,
      page: ExpansionCardPageSchema,
    },
    service: expansionCardsService,
  });

  r.post(
    '/expansion-cards/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Add a periodic review (定期回溯); its next review date becomes the card’s',
        params: IdParamsSchema,
        body: CardReviewCreateSchema,
        response: { 201: ExpansionCardSchema, ...ERROR_RESPONSES },
      },
    },
    async (req, reply) => reply.code(201).send(await expansionCardsService.addReview(ctx(req), req.params.id, req.body)),
  );

  r.post(
    '/expansion-cards/:id/handover',
    {
      schema: {
        tags,
        summary: 'Hand the card to a new owner (the owner’s managers or a user administrator); audited',
        params: IdParamsSchema,
        body: HandoverSchema,
        response: { 200: HandoverResultSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => expansionCardsService.handover(ctx(req), req.params.id, req.body),
  );

  deps.entities.register({
    type: CARD_TYPE,
    canSee: (c, id) => expansionCardsService.canSee(c, id),
    canRestore: (c) => can(c.actor, 'key_accounts', 'delete'),
    listDeleted: (c, page) => expansionCardsService.listDeleted(c, page),
    restore: (c, id) => expansionCardsService.restore(c, id),
  });
};
