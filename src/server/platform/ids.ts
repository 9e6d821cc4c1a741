import { createHash, randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

/** Time-ordered ids: new rows land at the end of indexes and sort by creation. */
export const newId = (): string => v7();

export const now = (): string => new Date().toISOString();

/** A random secret with a prefix that tells what it is (gxs_ session, gxp_ personal API token). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Secrets have 256 bits of entropy, so a fast hash is enough to store them. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
