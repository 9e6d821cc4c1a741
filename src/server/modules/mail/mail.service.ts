import type { MailSettings, MailSettingsUpdate } from '../../../shared/schemas/tracking-settings.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { MAIL_SETTINGS_KEY, readMailSettings, type StoredMail, StoredMailSchema, sendMail } from '../../platform/mail.js';
import { assertCan } from '../../platform/permissions.js';
import { settingsStore } from '../../platform/settings.js';
import { usersService } from '../users/users.service.js';

const ADDRESS = /^(?:[^<>]*<\s*[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+\s*>|[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+)$/;

/** The password never leaves the server: reads say only whether one is stored. */
function present({ password, ...rest }: StoredMail): MailSettings {
  return { ...rest, passwordSet: password !== '' };
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function check(input: MailSettingsUpdate) {
  const fields: Record<string, string> = {};
  if (input.enabled && !input.host) fields.host = 'Required';
  if ((input.enabled || input.from) && !ADDRESS.test(input.from)) fields.from = 'Enter an address such as Guanxi CRM <crm@example.com>';
  if (input.appUrl && !/^https?:\/\/[^\s/]+/.test(input.appUrl)) fields.appUrl = 'Enter an address starting with http:// or https://';
  if (!isTimeZone(input.timeZone)) fields.timeZone = 'Unknown time zone';
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
}

/** SMTP settings hold a secret, so reading them takes the settings admin right, like changing them. */
export const mailSettingsService = {
  async get(ctx: Ctx): Promise<MailSettings> {
    assertCan(ctx.actor, 'settings', 'admin');
    return present(await readMailSettings(ctx.db));
  },

  async update(ctx: Ctx, input: MailSettingsUpdate): Promise<MailSettings> {
    assertCan(ctx.actor, 'settings', 'admin');
    check(input);
    const saved = await ctx.db.transaction().execute(async (trx) => {
      const current = await readMailSettings(trx);
      const { password, ...rest } = input;
      const value = { ...rest, password: password === undefined ? current.password : (password ?? '') };
      return settingsStore.set(trx, ctx.actor, MAIL_SETTINGS_KEY, StoredMailSchema, value, { secretFields: ['password'] });
    });
    return present(saved);
  },

  /** Sends a message to the admin with the saved settings (enabled or not yet), and says why it failed. */
  async test(ctx: Ctx): Promise<{ to: string }> {
    assertCan(ctx.actor, 'settings', 'admin');
    const settings = await readMailSettings(ctx.db);
    if (!settings.host || !settings.from) {
      throw badRequest('mail_not_configured', 'Save the mail server and sender first', {
        ...(!settings.host && { host: 'Required' }),
        ...(!settings.from && { from: 'Required' }),
      });
    }
    const me = await usersService.findLoginCandidateById(ctx.db, ctx.actor.userId);
    const to = me?.email as string;
    try {
      await sendMail(settings, {
        to,
        subject: 'Guanxi CRM: test message / 测试邮件',
        text: 'The mail settings work: Guanxi CRM can send you reminders.\n\n邮件设置可用：关系 CRM 可以向您发送提醒。',
      });
    } catch (err) {
      throw badRequest('mail_failed', `The message could not be sent: ${err instanceof Error ? err.message : String(err)}`);
    }
    await auditAs(ctx.db, ctx.actor, 'update', 'settings', MAIL_SETTINGS_KEY, { meta: { testMessageTo: to } });
    return { to };
  },
};
