import type { Locale } from '../../../shared/schemas/common.js';
import type { User } from '../../../shared/schemas/users.js';
import type { UserRow } from '../../db/schema.js';

/** The API shape of a user: never the password hash or soft-delete bookkeeping. */
export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale as Locale,
    teamId: row.teamId,
    roleId: row.roleId,
    active: row.deactivatedAt === null,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** The fields of a user that the audit log records. */
export function auditableUser(row: UserRow): Record<string, unknown> {
  const { passwordHash, lastLoginAt, deletedAt, deletedBy, createdAt, createdBy, ...rest } = row;
  return rest;
}
