import type { Kysely } from 'kysely';

/** Leads (线索), lead assignment rules (sales issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
