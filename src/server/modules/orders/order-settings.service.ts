import { z } from 'zod';
import type { OrderSettings } from '../../../shared/schemas/orders.js';
import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { settingsStore } from '../../platform/settings.js';

export const ORDER_SETTINGS_KEY = 'orders';
/** A week between reminders of the same overdue installment unless an admin changes it. */
const StoredOrderSettingsSchema = z.object({ reminderRepeatDays: z.number().int().min(1).max(365).nullable().default(7) });

export const readOrderSettings = (db: Db): Promise<OrderSettings> => settingsStore.get(db, ORDER_SETTINGS_KEY, StoredOrderSettingsSchema);

/** Collection reminder settings: readable with settings access, changed with the settings admin right. */
export const orderSettingsService = {
  async get(ctx: Ctx): Promise<OrderSettings> {
    assertCan(ctx.actor, 'settings', 'read');
    return readOrderSettings(ctx.db);
  },

  async update(ctx: Ctx, input: OrderSettings): Promise<OrderSettings> {
    assertCan(ctx.actor, 'settings', 'admin');
    return ctx.db.transaction().execute((trx) => settingsStore.set(trx, ctx.actor, ORDER_SETTINGS_KEY, StoredOrderSettingsSchema, input));
  },
};
