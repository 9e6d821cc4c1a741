import type { Db } from '../db/connection.js';
import { newId, now } from './ids.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'login' | 'login_failed' | 'logout' | 'export' | 'import';

export interface AuditInput {
  actorId: string | null;
  ip: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  meta?: Record<string, unknown>;
}

/** Fields never written to the audit log. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'tokenHash']);
const NOISE_FIELDS = new Set(['updatedAt', 'version']);

/** Field-level before/after of what changed. */
export function diff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (NOISE_FIELDS.has(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes[key] = SECRET_FIELDS.has(key) ? { before: '***', after: '***' } : { before: b, after: a };
  }
  return changes;
}

/** Writes one audit entry; call it with the transaction that makes the change. */
export async function audit(db: Db, input: AuditInput): Promise<void> {
  const changes = input.before !== undefined || input.after !== undefined ? diff(input.before, input.after) : null;
  await db
    .insertInto('auditLog')
    .values({
      id: newId(),
      at: now(),
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes: changes && Object.keys(changes).length > 0 ? JSON.stringify(changes) : null,
      meta: input.meta ? JSON.stringify(input.meta) : null,
      ip: input.ip,
    })
    .execute();
}

/** `audit` for a change made by a signed-in actor. */
export function auditAs(
  db: Db,
  actor: { userId: string; ip: string | null },
  action: AuditAction,
  entityType: string,
  entityId: string,
  states: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; meta?: Record<string, unknown> } = {},
): Promise<void> {
  return audit(db, { actorId: actor.userId, ip: actor.ip, action, entityType, entityId, ...states });
}
