import type { Db } from '../../db/connection.js';
import type { AccountArchiveRow, AttachmentRow, SupplierArchiveRow } from './archives.tables.js';

type AttachmentMeta = Omit<AttachmentRow, 'bytes'>;
const META = ['id', 'organizationId', 'ownerType', 'section', 'fileName', 'mime', 'size', 'createdAt', 'createdBy', 'deletedAt', 'deletedBy'] as const;

export const archivesRepository = {
  sections(db: Db, organizationId: string): Promise<AccountArchiveRow[]> {
    return db.selectFrom('accountArchives').selectAll().where('organizationId', '=', organizationId).where('deletedAt', 'is', null).execute();
  },

  insertSection(db: Db, row: AccountArchiveRow): Promise<AccountArchiveRow> {
    return db.insertInto('accountArchives').values(row).returningAll().executeTakeFirstOrThrow();
  },

  updateSection(db: Db, id: string, version: number, changes: { content: string; updatedAt: string }): Promise<AccountArchiveRow | undefined> {
    return db
      .updateTable('accountArchives')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  suppliers(db: Db, organizationId: string): Promise<SupplierArchiveRow[]> {
    return db
      .selectFrom('supplierArchives')
      .selectAll()
      .where('organizationId', '=', organizationId)
      .where('deletedAt', 'is', null)
      .orderBy('sortOrder')
      .orderBy('id')
      .execute();
  },

  insertSupplier(db: Db, row: SupplierArchiveRow): Promise<SupplierArchiveRow> {
    return db.insertInto('supplierArchives').values(row).returningAll().executeTakeFirstOrThrow();
  },

  updateSupplier(
    db: Db,
    id: string,
    version: number,
    changes: Partial<Pick<SupplierArchiveRow, 'competitor' | 'content' | 'sortOrder' | 'updatedAt' | 'deletedAt' | 'deletedBy'>>,
  ): Promise<SupplierArchiveRow | undefined> {
    return db
      .updateTable('supplierArchives')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Live attachments of an organization's archive, without their bytes. */
  attachments(db: Db, organizationId: string, ownerType: string): Promise<AttachmentMeta[]> {
    return db
      .selectFrom('attachments')
      .select([...META])
      .where('organizationId', '=', organizationId)
      .where('ownerType', '=', ownerType)
      .where('deletedAt', 'is', null)
      .orderBy('createdAt')
      .execute();
  },

  insertAttachment(db: Db, row: AttachmentRow): Promise<AttachmentMeta> {
    return db
      .insertInto('attachments')
      .values(row)
      .returning([...META])
      .executeTakeFirstOrThrow();
  },

  findAttachment(db: Db, organizationId: string, id: string): Promise<AttachmentRow | undefined> {
    return db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', id)
      .where('organizationId', '=', organizationId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  deleteAttachment(db: Db, id: string, by: string, at: string) {
    return db.updateTable('attachments').set({ deletedAt: at, deletedBy: by }).where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },
};
