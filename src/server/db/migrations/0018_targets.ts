import type { Kysely } from 'kysely';

/** Sales targets per user/team and period (sales issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
