import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ModuleDeps } from '../deps.js';

const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), time: z.string() });

export const healthRoutes: FastifyPluginAsync<ModuleDeps> = async (app, { db }) => {
  const dialect = db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite';
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/health',
      { config: { public: true }, schema: { tags: ['platform'], summary: 'Liveness and database check', response: { 200: HealthSchema } } },
      async () => {
        await sql`select 1`.execute(db);
        return { status: 'ok' as const, database: dialect as 'sqlite' | 'postgres', time: new Date().toISOString() };
      },
    );
};
