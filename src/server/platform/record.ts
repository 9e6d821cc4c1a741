import { now } from './ids.js';

/** The bookkeeping columns of a new main-table row (see withAuditColumns in the migrations). */
export function freshRecord(createdBy: string | null, at: string = now()) {
  return { createdAt: at, updatedAt: at, createdBy, version: 1, deletedAt: null, deletedBy: null };
}
