import type { Kysely } from 'kysely';

/** Reserved for the custom_fields work of the customers issue; filled in by whoever builds it. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
