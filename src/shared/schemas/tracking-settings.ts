import { z } from 'zod';

/**
 * SMTP server for e-mail (reminders, tests). The password is write-only: reads say whether one is set.
 */
const MailFields = {
  enabled: z.boolean().describe('Send e-mail at all'),
  host: z.string().trim().max(255),
  port: z.number().int().min(1).max(65_535),
  secure: z.boolean().describe('TLS from the start (usually port 465); otherwise STARTTLS when the server offers it'),
  user: z.string().trim().max(255),
  from: z.string().trim().max(320).describe('Sender, e.g. "Guanxi CRM <crm@example.com>"'),
  appUrl: z.string().trim().max(300).describe('Address of this installation, for links in e-mails, e.g. https://crm.example.com'),
  timeZone: z.string().trim().max(64).describe('IANA time zone in which e-mails show times, e.g. Asia/Shanghai'),
};

export const MailSettingsSchema = z.object({ ...MailFields, passwordSet: z.boolean() });
export type MailSettings = z.infer<typeof MailSettingsSchema>;

export const MailSettingsUpdateSchema = z.object({
  ...MailFields,
  password: z.string().max(500).nullable().optional().describe('Omit to keep the stored password; null removes it'),
});
export type MailSettingsUpdate = z.infer<typeof MailSettingsUpdateSchema>;
export const MailTestResultSchema = z.object({ to: z.string().describe('Where the test message went') });

/** Days without an activity after which the owner gets a follow-up task, per tier; null switches a tier off. */
const Days = z.number().int().min(1).max(3650).nullable();
export const NoContactRuleSchema = z.object({ key: Days, A: Days, B: Days, C: Days });
export type NoContactRule = z.infer<typeof NoContactRuleSchema>;
export const TrackingSettingsSchema = z.object({ noContact: NoContactRuleSchema });
export type TrackingSettings = z.infer<typeof TrackingSettingsSchema>;
