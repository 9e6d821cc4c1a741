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

/** The smallest UUIDv7 of a moment: ids at or after `iso` compare >= this string. */
export function uuidv7Floor(iso: string): string {
  const hex = Math.max(0, Date.parse(iso)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}
