import type { Kysely } from 'kysely';

/** Key accounts: assessment dimensions, assessments with scores, relationship plans (key-account issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
