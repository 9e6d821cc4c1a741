import type { z } from 'zod';
import type { ApiTokenCreateSchema, Login, Me, MeUpdateSchema, PasswordChangeSchema } from '../../../shared/schemas/auth.js';
import type { ApiTokenRow } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { API_TOKEN_PREFIX, createSession, type Identity, revokeAllForUser, revokeSession } from '../../platform/auth/sessions.js';
import { registerAttempt, registerSuccess } from '../../platform/auth/throttle.js';
import type { Ctx, SystemCtx } from '../../platform/context.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { hashSecret, newId, newSecret, now } from '../../platform/ids.js';
import { usersService } from '../users/users.service.js';
import { authRepository as repo } from './auth.repository.js';

const invalid = () => new AppError('invalid_credentials', 'Wrong e-mail or password', 401);

const presentToken = (t: ApiTokenRow) => ({
  id: t.id,
  name: t.name,
  tokenPrefix: t.tokenPrefix,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  expiresAt: t.expiresAt,
});

export const authService = {
  async login(ctx: SystemCtx, input: Login, userAgent: string | null) {
    const { db, ip } = ctx;
    const until = await registerAttempt(db, input.email, ip);
    if (until) {
      await audit(db, { actorId: null, ip, action: 'login_failed', entityType: 'users', entityId: null, meta: { email: input.email, reason: 'locked' } });
      throw new AppError('login_locked', 'Too many sign-in attempts; try again later', 429, { until });
    }
    const user = await usersService.findLoginCandidate(db, input.email);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.deactivatedAt) {
      await audit(db, {
        actorId: null,
        ip,
        action: 'login_failed',
        entityType: 'users',
        entityId: user?.id ?? null,
        meta: { email: input.email, reason: user?.deactivatedAt ? 'inactive' : 'credentials' },
      });
      throw invalid();
    }
    await registerSuccess(db, input.email, ip);
    const session = await db.transaction().execute(async (trx) => {
      const s = await createSession(trx, ctx.config, user.id, { ip, userAgent });
      await usersService.markLogin(trx, user.id);
      await audit(trx, { actorId: user.id, ip, action: 'login', entityType: 'users', entityId: user.id, meta: { sessionId: s.id } });
      return s;
    });
    const me = await usersService.me(db, user.id);
    return { ...me, csrfToken: session.csrfToken, token: session.token, sessionExpiresAt: session.expiresAt };
  },

  async logout(ctx: Ctx, identity: Identity) {
    if (identity.via === 'session') await revokeSession(ctx.db, identity.credentialId);
    await audit(ctx.db, { actorId: ctx.actor.userId, ip: ctx.actor.ip, action: 'logout', entityType: 'users', entityId: ctx.actor.userId });
  },

  async me(ctx: Ctx, identity: Identity): Promise<Me> {
    return { ...(await usersService.me(ctx.db, ctx.actor.userId)), csrfToken: identity.csrfToken };
  },

  async updateMe(ctx: Ctx, identity: Identity, input: z.infer<typeof MeUpdateSchema>): Promise<Me> {
    await usersService.updateOwnProfile(ctx, input);
    return this.me(ctx, identity);
  },

  async changePassword(ctx: Ctx, identity: Identity, input: z.infer<typeof PasswordChangeSchema>) {
    const user = await usersService.findLoginCandidateById(ctx.db, ctx.actor.userId);
    if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw badRequest('validation_failed', 'The current password is wrong', { currentPassword: 'Wrong password' });
    }
    const passwordHash = await hashPassword(input.newPassword);
    await ctx.db.transaction().execute(async (trx) => {
      await usersService.setPasswordHash(trx, ctx.actor.userId, passwordHash);
      // Other devices must sign in again with the new password.
      await revokeAllForUser(trx, ctx.actor.userId, identity.via === 'session' ? identity.credentialId : undefined);
      await audit(trx, {
        actorId: ctx.actor.userId,
        ip: ctx.actor.ip,
        action: 'update',
        entityType: 'users',
        entityId: ctx.actor.userId,
        meta: { passwordChanged: true },
      });
    });
  },

  async listSessions(ctx: Ctx, identity: Identity) {
    const rows = await repo.listSessions(ctx.db, ctx.actor.userId);
    return { items: rows.map((s) => ({ ...s, current: identity.via === 'session' && s.id === identity.credentialId })) };
  },

  async revokeSession(ctx: Ctx, id: string) {
    if (!(await repo.findOwnSession(ctx.db, ctx.actor.userId, id))) throw notFound('Session');
    await revokeSession(ctx.db, id);
  },

  async listTokens(ctx: Ctx) {
    return { items: (await repo.listTokens(ctx.db, ctx.actor.userId)).map(presentToken) };
  },

  async createToken(ctx: Ctx, input: z.infer<typeof ApiTokenCreateSchema>) {
    const token = newSecret(API_TOKEN_PREFIX);
    const at = now();
    const row: ApiTokenRow = {
      id: newId(),
      userId: ctx.actor.userId,
      name: input.name,
      tokenHash: hashSecret(token),
      tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      createdAt: at,
      lastUsedAt: null,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString() : null,
      revokedAt: null,
    };
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertToken(trx, row);
      await audit(trx, {
        actorId: ctx.actor.userId,
        ip: ctx.actor.ip,
        action: 'create',
        entityType: 'api_tokens',
        entityId: row.id,
        after: { name: row.name, expiresAt: row.expiresAt },
      });
    });
    return { ...presentToken(row), token };
  },

  async revokeToken(ctx: Ctx, id: string) {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.revokeOwnToken(trx, ctx.actor.userId, id, now()))) throw notFound('API token');
      await audit(trx, { actorId: ctx.actor.userId, ip: ctx.actor.ip, action: 'delete', entityType: 'api_tokens', entityId: id });
    });
  },
};
