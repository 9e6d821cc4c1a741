import type { Kysely } from 'kysely';

/** Key accounts: confidential expansion cards, enterprise and supplier archives, attachments (key-account issue). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
