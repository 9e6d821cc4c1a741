import type { Kysely } from 'kysely';

/** Pipelines with stages, opportunities, their contacts, stage history and competitors (sales issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
