import type { z } from 'zod';
import type { Db } from '../db/connection.js';
import { auditAs } from './audit.js';
import type { Actor } from './context.js';
import { now } from './ids.js';

/**
 * Workspace settings, one JSON value per key, validated by the owning module's zod schema on the way
 * in and out. Kept in the database (not in memory) so every app server sees the same values.
 */
export const settingsStore = {
  /** The stored value, or the schema's parse of `{}` (its defaults) when nothing valid is stored. */
  async get<S extends z.ZodTypeAny>(db: Db, key: string, schema: S): Promise<z.infer<S>> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    if (row) {
      const parsed = schema.safeParse(JSON.parse(row.value));
      if (parsed.success) return parsed.data;
    }
    return schema.parse({});
  },

  /** Writes the whole value and audits the change; call inside the caller's transaction when there is one. */
  async set<S extends z.ZodTypeAny>(
    db: Db,
    actor: Actor,
    key: string,
    schema: S,
    value: z.infer<S>,
    opts: { secretFields?: string[] } = {},
  ): Promise<z.infer<S>> {
    const parsed = schema.parse(value);
    const before = await this.get(db, key, schema);
    const at = now();
    const json = JSON.stringify(parsed);
    const updated = await db
      .updateTable('settings')
      .set((eb) => ({ value: json, updatedAt: at, updatedBy: actor.userId, version: eb('version', '+', 1) }))
      .where('key', '=', key)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await db.insertInto('settings').values({ key, value: json, updatedAt: at, updatedBy: actor.userId, version: 1 }).execute();
    }
    const mask = (v: Record<string, unknown>) => {
      const copy = { ...v };
      for (const f of opts.secretFields ?? []) if (copy[f]) copy[f] = '***';
      return copy;
    };
    await auditAs(db, actor, 'update', 'settings', key, { before: mask(before as Record<string, unknown>), after: mask(parsed as Record<string, unknown>) });
    return parsed;
  },
};
