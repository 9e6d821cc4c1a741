import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

type ValidationIssue = { instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[] } } };

function fieldsOf(issues: ValidationIssue[], context: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.params?.issue?.path?.map(String).join('.') ?? issue.instancePath?.replace(/^\//, '').replaceAll('/', '.');
    const key = path || context || '_';
    fields[key] ??= issue.message ?? 'Invalid value';
  }
  return fields;
}

/** Maps every failure to {error: {code, message, fields?}}; only our own bugs become 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, fields: err.fields } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.code(400).send({
        error: {
          code: 'validation_failed',
          message: 'Some fields are invalid',
          fields: fieldsOf(err.validation as ValidationIssue[], err.validationContext),
        },
      });
    }
    // PostgreSQL data errors (class 22: bad timestamp in a tampered cursor, a NUL byte, …) are the
    // caller's input, not our failure.
    if (typeof err.code === 'string' && /^22[0-9A-Z]{3}$/.test(err.code)) {
      return reply.code(400).send({ error: { code: 'invalid_value', message: 'A value in the request is not valid' } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large, …
      const code = status === 415 ? 'unsupported_media_type' : status === 413 ? 'payload_too_large' : status === 429 ? 'rate_limited' : 'bad_request';
      return reply.code(status).send({ error: { code, message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side' } });
  });
}
