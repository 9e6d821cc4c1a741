import { type CompanySettings, CompanySettingsSchema } from '../../../shared/schemas/quotes.js';
import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { settingsStore } from '../../platform/settings.js';

const KEY = 'company';

/** The company header printed on quotes: readable with settings access, changed by a settings admin. */
export const companySettingsService = {
  async get(ctx: Ctx): Promise<CompanySettings> {
    assertCan(ctx.actor, 'settings', 'read');
    return settingsStore.get(ctx.db, KEY, CompanySettingsSchema);
  },

  async update(ctx: Ctx, input: CompanySettings): Promise<CompanySettings> {
    assertCan(ctx.actor, 'settings', 'admin');
    return ctx.db.transaction().execute((trx) => settingsStore.set(trx, ctx.actor, KEY, CompanySettingsSchema, input));
  },

  /** For printing: any quote reader gets the header, without settings permission. */
  read: (db: Db) => settingsStore.get(db, KEY, CompanySettingsSchema),
};
