import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MailSettingsSchema, MailSettingsUpdateSchema, MailTestResultSchema } from '../../../shared/schemas/tracking-settings.js';
import { ctxOf } from '../../platform/auth/plugin.js';
import { ERROR_RESPONSES } from '../../platform/crud-routes.js';
import type { ModuleDeps } from '../deps.js';
import { mailSettingsService as service } from './mail.service.js';

export const mailSettingsRoutes: FastifyPluginAsync<ModuleDeps> = async (app, deps) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ctxOf(req, deps.db, deps.config);
  const tags = ['settings'];

  r.get(
    '/settings/mail',
    { schema: { tags, summary: 'SMTP settings (without the password)', response: { 200: MailSettingsSchema, ...ERROR_RESPONSES } } },
    (req) => service.get(ctx(req)),
  );
  r.put(
    '/settings/mail',
    {
      schema: {
        tags,
        summary: 'Change the SMTP settings',
        body: MailSettingsUpdateSchema,
        response: { 200: MailSettingsSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.update(ctx(req), req.body),
  );
  r.post(
    '/settings/mail/test',
    {
      schema: {
        tags,
        summary: 'Send a test message to yourself with the saved settings',
        response: { 200: MailTestResultSchema, ...ERROR_RESPONSES },
      },
    },
    (req) => service.test(ctx(req)),
  );
};
