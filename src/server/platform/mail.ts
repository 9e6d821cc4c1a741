import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { enqueue } from './jobs/queue.js';
import type { JobLogger, JobRunner } from './jobs/worker.js';
import { settingsStore } from './settings.js';

export const MAIL_SETTINGS_KEY = 'mail';
export const MAIL_JOB = 'mail.send';

/** The stored form of the 'mail' setting; `{}` parses to "not set up". */
export const StoredMailSchema = z.object({
  enabled: z.boolean().default(false),
  host: z.string().default(''),
  port: z.number().int().min(1).max(65_535).default(587),
  secure: z.boolean().default(false),
  user: z.string().default(''),
  password: z.string().default(''),
  from: z.string().default(''),
  appUrl: z.string().default(''),
  /** IANA zone in which e-mails show times, e.g. Asia/Shanghai. */
  timeZone: z.string().default('UTC'),
});
export type StoredMail = z.infer<typeof StoredMailSchema>;

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export const readMailSettings = (db: Db): Promise<StoredMail> => settingsStore.get(db, MAIL_SETTINGS_KEY, StoredMailSchema);

/**
 * A transport built from the settings of the moment, used once and closed: nothing is cached in the
 * process, so a change of settings takes effect on every app server at the next message.
 */
export async function sendMail(settings: StoredMail, message: MailMessage): Promise<void> {
  // Loaded when the first message goes out, not at server start.
  const { default: mailer } = await import('nodemailer');
  const transport = mailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
  } finally {
    transport.close();
  }
}

/**
 * Queues a message for sending; pass the caller's transaction so it is sent only if the change
 * commits. Sending happens in the job runner, which retries with backoff when the server is down.
 */
export async function enqueueMail(db: Db, message: MailMessage): Promise<void> {
  await enqueue(db, MAIL_JOB, message, { maxAttempts: 6 });
}

/** A link into the web app for e-mails, or null when the installation's address is not configured. */
export function appLink(settings: StoredMail, path: string): string | null {
  return settings.appUrl ? `${settings.appUrl.replace(/\/+$/, '')}${path}` : null;
}

export function registerMailJob(runner: JobRunner, db: Db, logger: JobLogger): void {
  runner.register<MailMessage>(MAIL_JOB, async (message) => {
    const settings = await readMailSettings(db);
    // Switched off after the message was queued: drop it rather than retry for hours.
    if (!settings.enabled || !settings.host) {
      logger.warn({ to: message.to, subject: message.subject }, 'mail is not enabled; message dropped');
      return;
    }
    await sendMail(settings, message);
  });
}
