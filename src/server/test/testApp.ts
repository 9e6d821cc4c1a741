import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import type { DbHandle } from '../db/connection.js';
import { rolesService } from '../modules/roles/roles.service.js';
import { createTestDb } from './testDb.js';

export interface TestApp {
  app: FastifyInstance;
  database: DbHandle;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDb();
  await rolesService.ensureBuiltinRoles(database.db);
  const config = { ...loadConfig({}), webDist: '/nonexistent', ...overrides };
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A client bound to one bearer token: `await as.get('/api/users')`. */
export function client(app: FastifyInstance, token?: string) {
  const send = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, body?: unknown) => send('POST', url, body ?? {}),
    patch: (url: string, body: unknown) => send('PATCH', url, body),
    delete: (url: string) => send('DELETE', url),
  };
}
export type Client = ReturnType<typeof client>;
