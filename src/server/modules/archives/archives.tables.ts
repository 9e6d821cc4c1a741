import type { ColumnType, Selectable } from 'kysely';

type Timestamp = string;

interface Audited {
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

export interface AccountArchivesTable extends Audited {
  id: string;
  organizationId: string;
  section: string;
  /** JSON: Record<field, sanitised HTML>. */
  content: string;
}

export interface SupplierArchivesTable extends Audited {
  id: string;
  organizationId: string;
  competitor: string;
  /** JSON: Record<field, sanitised HTML>. */
  content: string;
  sortOrder: number;
}

export interface AttachmentsTable {
  id: string;
  organizationId: string;
  /** enterprise | supplier */
  ownerType: string;
  section: string;
  fileName: string;
  mime: string;
  size: number;
  bytes: Buffer;
  createdAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

export type AccountArchiveRow = Selectable<AccountArchivesTable>;
export type SupplierArchiveRow = Selectable<SupplierArchivesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
