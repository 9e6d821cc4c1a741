import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ErrorSchema, IdParamsSchema, NoContentSchema } from '../../shared/schemas/common.js';
import type { ModuleDeps } from '../modules/deps.js';
import { ctxOf } from './auth/plugin.js';
import type { Ctx } from './context.js';

export const ERROR_RESPONSES = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

interface CrudSpec<Q extends z.ZodType, C extends z.ZodType, U extends z.ZodType, R extends z.ZodType, P extends z.ZodType> {
  /** e.g. "/users" */
  path: string;
  /** Singular noun for summaries, e.g. "user". */
  noun: string;
  tag: string;
  schemas: { query: Q; create: C; update: U; record: R; page: P };
  service: {
    list(ctx: Ctx, q: z.output<Q>): Promise<z.input<P>>;
    get(ctx: Ctx, id: string): Promise<z.input<R>>;
    create(ctx: Ctx, input: z.output<C>): Promise<z.input<R>>;
    update(ctx: Ctx, id: string, input: z.output<U>): Promise<z.input<R>>;
    remove(ctx: Ctx, id: string): Promise<void>;
  };
}

type IdReq = FastifyRequest<{ Params: { id: string } }>;

/**
 * The five routes of a resource, the same everywhere: list (keyset page), get, create (201), PATCH
 * with version (409 when stale), DELETE to the recycle bin (204). Handlers only hand the validated
 * input to the service, which authorizes. (Generic over schemas, so the zod type provider's
 * inference is replaced by the spec's own types.)
 */
export function registerCrudRoutes<Q extends z.ZodType, C extends z.ZodType, U extends z.ZodType, R extends z.ZodType, P extends z.ZodType>(
  app: FastifyInstance,
  { db, config }: ModuleDeps,
  spec: CrudSpec<Q, C, U, R, P>,
): void {
  const ctx = (req: FastifyRequest) => ctxOf(req, db, config);
  const tags = [spec.tag];
  const { query, create, update, record, page } = spec.schemas;
  const item = `${spec.path}/:id`;
  const s = spec.service;

  app.get(spec.path, { schema: { tags, summary: `List ${spec.noun}s`, querystring: query, response: { 200: page, ...ERROR_RESPONSES } } }, (req) =>
    s.list(ctx(req), req.query as z.output<Q>),
  );
  app.get(item, { schema: { tags, summary: `Get a ${spec.noun}`, params: IdParamsSchema, response: { 200: record, ...ERROR_RESPONSES } } }, (req) =>
    s.get(ctx(req), (req as IdReq).params.id),
  );
  app.post(spec.path, { schema: { tags, summary: `Create a ${spec.noun}`, body: create, response: { 201: record, ...ERROR_RESPONSES } } }, async (req, reply) =>
    reply.code(201).send(await s.create(ctx(req), req.body as z.output<C>)),
  );
  app.patch(
    item,
    {
      schema: {
        tags,
        summary: `Update a ${spec.noun} (send the version you read)`,
        params: IdParamsSchema,
        body: update,
        response: { 200: record, ...ERROR_RESPONSES },
      },
    },
    (req) => s.update(ctx(req), (req as IdReq).params.id, req.body as z.output<U>),
  );
  app.delete(
    item,
    { schema: { tags, summary: `Delete a ${spec.noun} (to the recycle bin)`, params: IdParamsSchema, response: { 204: NoContentSchema, ...ERROR_RESPONSES } } },
    async (req, reply) => {
      await s.remove(ctx(req), (req as IdReq).params.id);
      return reply.code(204).send(null);
    },
  );
}
