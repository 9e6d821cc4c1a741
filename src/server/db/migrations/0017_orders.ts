import type { Kysely } from 'kysely';

/** Orders/contracts, order lines, payment plans (installments), payments (sales issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
