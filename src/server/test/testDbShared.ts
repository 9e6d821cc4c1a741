import { sql } from 'kysely';
import { type DbHandle, openDatabase } from '../db/connection.js';

/**
 * A second handle on the database of a createTestDb() handle, as a second app instance would have.
 * On PostgreSQL it is a separate pool on the same schema; an in-memory SQLite database cannot be
 * opened twice, so there it is the same handle (closing it is a no-op). Close it before the original.
 */
export async function openSecondHandle(handle: DbHandle): Promise<DbHandle> {
  if (handle.dialect !== 'postgres') return { ...handle, close: async () => {} };
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
  return openDatabase(process.env.DATABASE_URL!, { schema: rows[0].schema, poolSize: 4 });
}
