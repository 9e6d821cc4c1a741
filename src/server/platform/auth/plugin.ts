import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import type { Actor, Ctx } from '../context.js';
import { AppError, unauthorized } from '../errors.js';
import { type Identity, resolveCredential } from './sessions.js';

export const SESSION_COOKIE = 'guanxi_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
  }
  interface FastifyContextConfig {
    /** Route is reachable without signing in. */
    public?: boolean;
  }
}

function credentialOf(req: FastifyRequest): { secret: string; via: 'bearer' | 'cookie' } | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return { secret: header.slice(7).trim(), via: 'bearer' };
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? { secret: cookie, via: 'cookie' } : null;
}

/**
 * Resolves the caller on every /api request. Cookie-authenticated writes must echo the session's
 * CSRF token in X-CSRF-Token; bearer requests cannot be forged by a browser, so they need none.
 */
export function registerAuth(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('identity', null);
  app.addHook('onRequest', async (req) => {
    // Decided by the matched route, not the raw URL: the docs UI's routes are public.
    const route = req.routeOptions.url;
    const api = route === undefined ? req.url.startsWith('/api/') : route.startsWith('/api/') && !route.startsWith('/api/docs');
    if (!api) return;
    const credential = credentialOf(req);
    if (credential) {
      req.identity = await resolveCredential(db, config, credential.secret);
      if (req.identity && credential.via === 'cookie' && UNSAFE.has(req.method)) {
        if (req.headers['x-csrf-token'] !== req.identity.csrfToken) {
          throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header', 403);
        }
      }
      if (!req.identity && credential.via === 'bearer') throw unauthorized('The token is invalid, expired or revoked');
    }
    if (!req.identity && !req.routeOptions.config?.public) throw unauthorized();
  });
}

export function actorOf(req: FastifyRequest): Actor {
  const id = req.identity;
  if (!id) throw unauthorized();
  return { userId: id.userId, teamId: id.teamId, teamPath: id.teamPath, permissions: id.permissions, ip: req.ip };
}

/** Builds the service context for a signed-in request. */
export function ctxOf(req: FastifyRequest, db: Db, config: Config): Ctx {
  return { db, config, actor: actorOf(req) };
}
