import type { Kysely } from 'kysely';

/** Key accounts: departments, people in the decision chain, reporting/influence edges, organization-level relations (key-account issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
