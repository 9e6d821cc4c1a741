import type { Kysely } from 'kysely';

/** Approval policies, requests and steps (sales issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
