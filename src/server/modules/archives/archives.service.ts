import type { Readable } from 'node:stream';
import {
  type Attachment,
  ENTERPRISE_SECTION_KEYS,
  ENTERPRISE_SECTIONS,
  type EnterpriseArchive,
  type EnterpriseArchiveUpdate,
  type EnterpriseSection,
  MAX_ATTACHMENT_BYTES,
  SUPPLIER_FIELDS,
  type SupplierArchive,
  type SupplierArchiveUpdate,
} from '../../../shared/schemas/archives.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { freshRecord } from '../../platform/record.js';
import { assertAccountInScope } from './account-scope.js';
import { archivesRepository as repo } from './archives.repository.js';
import { hasText, sanitizeRichText } from './sanitize.js';

const SECTION_TYPE = 'account_archives';
const SUPPLIER_TYPE = 'supplier_archives';
const ATTACHMENT_TYPE = 'attachments';

/** Content types a browser may be told; anything else downloads as bytes. Never HTML or SVG (script). */
const SAFE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);
export const safeContentType = (mime: string) => (SAFE_TYPES.has(mime.toLowerCase()) ? mime.toLowerCase() : 'application/octet-stream');

const parse = (json: string): Record<string, string> => {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
};

/** Keeps only the known fields, each sanitised; names every unknown one. */
function cleanContent(allowed: readonly string[], content: Record<string, string>, prefix: string, fields: Record<string, string>) {
  const out: Record<string, string> = {};
  for (const [key, html] of Object.entries(content)) {
    if (!allowed.includes(key)) fields[`${prefix}.${key}`] = `Unknown field; use ${allowed.join(', ')}`;
    else out[key] = sanitizeRichText(html);
  }
  return out;
}

const presentAttachment = (a: {
  id: string;
  section: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
  createdBy: string | null;
}): Attachment => ({
  id: a.id,
  section: a.section,
  fileName: a.fileName,
  mime: a.mime,
  size: a.size,
  createdAt: a.createdAt,
  createdBy: a.createdBy,
});

async function readEnterprise(db: Db, organizationId: string): Promise<EnterpriseArchive> {
  const [rows, files] = await Promise.all([repo.sections(db, organizationId), repo.attachments(db, organizationId, 'enterprise')]);
  let filled = 0;
  let total = 0;
  const sections = ENTERPRISE_SECTION_KEYS.map((key) => {
    const row = rows.find((r) => r.section === key);
    const content = row ? parse(row.content) : {};
    for (const field of ENTERPRISE_SECTIONS[key]) {
      total++;
      if (hasText(content[field])) filled++;
    }
    return {
      key,
      content,
      version: row?.version ?? 0,
      updatedAt: row?.updatedAt ?? null,
      attachments: files.filter((f) => f.section === key).map(presentAttachment),
    };
  });
  return { organizationId, sections, completeness: { filled, total } };
}

async function readSuppliers(db: Db, organizationId: string): Promise<SupplierArchive> {
  const rows = await repo.suppliers(db, organizationId);
  return {
    organizationId,
    suppliers: rows.map((r) => ({ id: r.id, competitor: r.competitor, content: parse(r.content), version: r.version, updatedAt: r.updatedAt })),
  };
}

/** Reads a stream into memory, refusing it once it passes `max` bytes. */
async function readLimited(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.resume();
      throw new AppError('file_too_large', `Files up to ${Math.round(max / 1024 / 1024)} MB`, 413, { file: 'Too large' });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export const archivesService = {
  async getEnterprise(ctx: Ctx, organizationId: string): Promise<EnterpriseArchive> {
    await assertAccountInScope(ctx, organizationId, 'read');
    return readEnterprise(ctx.db, organizationId);
  },

  /**
   * Saves the given sections, each against the version read (0 for a section never saved); fields
   * not sent keep their text. Every field is sanitised on the way in.
   */
  async updateEnterprise(ctx: Ctx, organizationId: string, input: EnterpriseArchiveUpdate): Promise<EnterpriseArchive> {
    await assertAccountInScope(ctx, organizationId, 'update');
    const fields: Record<string, string> = {};
    const cleaned = input.sections.map((s, i) => ({ ...s, content: cleanContent(ENTERPRISE_SECTIONS[s.key], s.content, `sections.${i}.content`, fields) }));
    if (new Set(input.sections.map((s) => s.key)).size !== input.sections.length) fields.sections = 'Each section once';
    if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await repo.sections(trx, organizationId);
      const at = now();
      for (const s of cleaned) {
        const row = existing.find((r) => r.section === s.key);
        if (!row) {
          if (s.version !== 0) throw versionConflict();
          const created = await repo.insertSection(trx, {
            id: newId(),
            organizationId,
            section: s.key,
            content: JSON.stringify(s.content),
            ...freshRecord(ctx.actor.userId, at),
          });
          await auditAs(trx, ctx.actor, 'create', SECTION_TYPE, created.id, { before: null, after: { organizationId, section: s.key, ...s.content } });
          continue;
        }
        if (row.version !== s.version) throw versionConflict();
        const before = parse(row.content);
        const after = { ...before, ...s.content };
        const updated = await repo.updateSection(trx, row.id, row.version, { content: JSON.stringify(after), updatedAt: at });
        if (!updated) throw versionConflict();
        await auditAs(trx, ctx.actor, 'update', SECTION_TYPE, row.id, {
          before: { organizationId, section: s.key, ...before },
          after: { organizationId, section: s.key, ...after },
        });
      }
    });
    return readEnterprise(ctx.db, organizationId);
  },

  async getSuppliers(ctx: Ctx, organizationId: string): Promise<SupplierArchive> {
    await assertAccountInScope(ctx, organizationId, 'read');
    return readSuppliers(ctx.db, organizationId);
  },

  /** Replaces the list of competing suppliers: new ones are added, sent ones updated (by version), missing ones removed. */
  async updateSuppliers(ctx: Ctx, organizationId: string, input: SupplierArchiveUpdate): Promise<SupplierArchive> {
    await assertAccountInScope(ctx, organizationId, 'update');
    const fields: Record<string, string> = {};
    const cleaned = input.suppliers.map((s, i) => ({ ...s, content: cleanContent(SUPPLIER_FIELDS, s.content, `suppliers.${i}.content`, fields) }));
    if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
    await ctx.db.transaction().execute(async (trx) => {
      const existing = await repo.suppliers(trx, organizationId);
      const at = now();
      for (const [i, s] of cleaned.entries()) {
        if (!s.id) {
          const created = await repo.insertSupplier(trx, {
            id: newId(),
            organizationId,
            competitor: s.competitor,
            content: JSON.stringify(s.content),
            sortOrder: i,
            ...freshRecord(ctx.actor.userId, at),
          });
          await auditAs(trx, ctx.actor, 'create', SUPPLIER_TYPE, created.id, {
            before: null,
            after: { organizationId, competitor: s.competitor, ...s.content },
          });
          continue;
        }
        const row = existing.find((r) => r.id === s.id);
        if (!row) throw badRequest('validation_failed', 'Some fields are invalid', { [`suppliers.${i}.id`]: 'No such supplier in this archive' });
        if (s.version !== undefined && s.version !== row.version) throw versionConflict();
        const content = { ...parse(row.content), ...s.content };
        const updated = await repo.updateSupplier(trx, row.id, row.version, {
          competitor: s.competitor,
          content: JSON.stringify(content),
          sortOrder: i,
          updatedAt: at,
        });
        if (!updated) throw versionConflict();
        await auditAs(trx, ctx.actor, 'update', SUPPLIER_TYPE, row.id, {
          before: { competitor: row.competitor, sortOrder: row.sortOrder, ...parse(row.content) },
          after: { competitor: s.competitor, sortOrder: i, ...content },
        });
      }
      const kept = new Set(cleaned.flatMap((s) => (s.id ? [s.id] : [])));
      for (const row of existing.filter((r) => !kept.has(r.id))) {
        const removed = await repo.updateSupplier(trx, row.id, row.version, { deletedAt: at, deletedBy: ctx.actor.userId, updatedAt: at });
        if (!removed) throw versionConflict();
        await auditAs(trx, ctx.actor, 'delete', SUPPLIER_TYPE, row.id);
      }
    });
    return readSuppliers(ctx.db, organizationId);
  },

  async upload(ctx: Ctx, organizationId: string, section: string, file: { fileName: string; mime: string; stream: Readable }): Promise<Attachment> {
    await assertAccountInScope(ctx, organizationId, 'update');
    if (!(ENTERPRISE_SECTION_KEYS as string[]).includes(section)) {
      file.stream.resume();
      throw badRequest('validation_failed', 'Some fields are invalid', { section: `Use ${ENTERPRISE_SECTION_KEYS.join(', ')} (before the file)` });
    }
    const bytes = await readLimited(file.stream, MAX_ATTACHMENT_BYTES);
    if (bytes.length === 0) throw badRequest('validation_failed', 'The file is empty', { file: 'Empty' });
    const fileName = file.fileName.replace(/[\r\n"\\/]/g, '_').slice(0, 200) || 'file';
    return ctx.db.transaction().execute(async (trx) => {
      const row = await repo.insertAttachment(trx, {
        id: newId(),
        organizationId,
        ownerType: 'enterprise',
        section: section as EnterpriseSection,
        fileName,
        mime: file.mime.slice(0, 200) || 'application/octet-stream',
        size: bytes.length,
        bytes,
        createdAt: now(),
        createdBy: ctx.actor.userId,
        deletedAt: null,
        deletedBy: null,
      });
      await auditAs(trx, ctx.actor, 'create', ATTACHMENT_TYPE, row.id, { after: { organizationId, section, fileName, size: bytes.length } });
      return presentAttachment(row);
    });
  },

  async download(ctx: Ctx, organizationId: string, id: string) {
    await assertAccountInScope(ctx, organizationId, 'read');
    const row = await repo.findAttachment(ctx.db, organizationId, id);
    if (!row) throw notFound('Attachment');
    return { fileName: row.fileName, contentType: safeContentType(row.mime), bytes: Buffer.from(row.bytes) };
  },

  async removeAttachment(ctx: Ctx, organizationId: string, id: string): Promise<void> {
    await assertAccountInScope(ctx, organizationId, 'update');
    const row = await repo.findAttachment(ctx.db, organizationId, id);
    if (!row) throw notFound('Attachment');
    await ctx.db.transaction().execute(async (trx) => {
      await repo.deleteAttachment(trx, id, ctx.actor.userId, now());
      await auditAs(trx, ctx.actor, 'delete', ATTACHMENT_TYPE, id, { before: { organizationId, section: row.section, fileName: row.fileName } });
    });
  },

  /** For the organization panel: how much of the enterprise archive is written, and how many suppliers it covers. */
  async completeness(ctx: Ctx, organizationId: string) {
    const archive = await archivesService.getEnterprise(ctx, organizationId);
    return archive.completeness;
  },
};
