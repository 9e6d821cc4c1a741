import type { Kysely } from 'kysely';

/** Products, price lists, quotes with versions and lines (sales issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
