import type { TrackingSettings } from '../../../shared/schemas/tracking-settings.js';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { settingsStore } from '../../platform/settings.js';
import { NO_CONTACT_KEY, readNoContactRule, StoredNoContactSchema } from './no-contact.js';

/** Tracking rules: anyone with settings access may read them; changing them takes the settings admin right. */
export const trackingSettingsService = {
  async get(ctx: Ctx): Promise<TrackingSettings> {
    assertCan(ctx.actor, 'settings', 'read');
    return { noContact: await readNoContactRule(ctx.db) };
  },

  async update(ctx: Ctx, input: TrackingSettings): Promise<TrackingSettings> {
    assertCan(ctx.actor, 'settings', 'admin');
    const noContact = await ctx.db.transaction().execute((trx) => settingsStore.set(trx, ctx.actor, NO_CONTACT_KEY, StoredNoContactSchema, input.noContact));
    return { noContact };
  },
};
