import { z } from 'zod';
import { POOL_TIERS, type PoolSettings, PoolSettingsObject, type PoolTier, PoolTierRuleSchema } from '../../../shared/schemas/pool.js';
import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { settingsStore } from '../../platform/settings.js';

export const POOL_SETTINGS_KEY = 'pool';

const OFF = { noActivityDays: null, noDealDays: null, warnDays: null };
/**
 * Stored form with its defaults: everything off. Returning customers takes them from someone, so it
 * happens only once an administrator has chosen the days; a limit, too, is a company's own decision.
 */
const StoredPoolSettingsSchema = PoolSettingsObject.extend({
  maxHeldPerRep: PoolSettingsObject.shape.maxHeldPerRep.default(null),
  tiers: z
    .object(Object.fromEntries(POOL_TIERS.map((t) => [t, PoolTierRuleSchema.default(OFF)])) as Record<PoolTier, z.ZodDefault<typeof PoolTierRuleSchema>>)
    .default(Object.fromEntries(POOL_TIERS.map((t) => [t, OFF])) as PoolSettings['tiers']),
});

export const readPoolSettings = (db: Db): Promise<PoolSettings> => settingsStore.get(db, POOL_SETTINGS_KEY, StoredPoolSettingsSchema);

/** Anyone with settings access may read the rules; changing them takes the settings admin right. */
export const poolSettingsService = {
  async get(ctx: Ctx): Promise<PoolSettings> {
    assertCan(ctx.actor, 'settings', 'read');
    return readPoolSettings(ctx.db);
  },

  async update(ctx: Ctx, input: PoolSettings): Promise<PoolSettings> {
    assertCan(ctx.actor, 'settings', 'admin');
    return ctx.db.transaction().execute((trx) => settingsStore.set(trx, ctx.actor, POOL_SETTINGS_KEY, StoredPoolSettingsSchema, input));
  },
};
