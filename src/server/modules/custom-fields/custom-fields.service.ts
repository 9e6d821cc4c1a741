import type { z } from 'zod';
import {
  CUSTOM_FIELD_ENTITIES,
  type CustomFieldCreate,
  type CustomFieldEntity,
  type CustomFieldType,
  type CustomFieldUpdate,
  type FieldGroupCreateSchema,
  type FieldGroupUpdateSchema,
  type SelectOption,
} from '../../../shared/schemas/custom-fields.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db-errors.js';
import { badRequest, conflict, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import type { ListFields } from '../../platform/list-filters.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { auditableField, auditableGroup, presentField, presentGroup, titleOf } from './custom-fields.presenter.js';
import { customFieldsRepository as repo } from './custom-fields.repository.js';
import { prepareCustomValues } from './custom-values.js';
import { createValueIndex, dropValueIndex, listFieldOf } from './expressions.js';

export const FIELD_TYPE = 'custom_fields';
export const GROUP_TYPE = 'field_groups';
type GroupCreate = z.infer<typeof FieldGroupCreateSchema>;
type GroupUpdate = z.infer<typeof FieldGroupUpdateSchema>;

/** Defining fields is workspace administration; reading them comes with reading the records. */
const assertAdmin = (ctx: Ctx) => assertCan(ctx.actor, 'settings', 'admin');
const mayRead = (ctx: Ctx, entity: CustomFieldEntity) => can(ctx.actor, entity, 'read') || can(ctx.actor, 'settings', 'admin');
const invalid = (fields: Record<string, string>) => badRequest('validation_failed', 'Some fields are invalid', fields);

function labelErrors(label: { en: string; 'zh-CN': string } | undefined): Record<string, string> {
  return label && !label.en.trim() && !label['zh-CN'].trim() ? { 'label.en': 'Enter a label in at least one language' } : {};
}

/** Select types need options with distinct values and a label; other types have none. */
function optionErrors(type: string, options: SelectOption[] | undefined): Record<string, string> {
  if (type !== 'select' && type !== 'multiSelect') return {};
  if (!options || options.length === 0) return { options: 'Add at least one option' };
  if (new Set(options.map((o) => o.value)).size !== options.length) return { options: 'Option values must be unique' };
  const unlabelled = options.findIndex((o) => !o.label.en.trim() && !o.label['zh-CN'].trim());
  return unlabelled >= 0 ? { [`options.${unlabelled}.label.en`]: 'Enter a label in at least one language' } : {};
}

async function groupErrors(ctx: Ctx, entity: string, groupId: string | null | undefined): Promise<Record<string, string>> {
  if (!groupId) return {};
  const group = await repo.findGroup(ctx.db, groupId);
  return group && group.entity === entity ? {} : { groupId: 'No such group' };
}

async function loadField(ctx: Ctx, id: string, deleted = false) {
  const row = await repo.findField(ctx.db, id, { deleted });
  if (!row) throw notFound(deleted ? 'Deleted custom field' : 'Custom field');
  return row;
}

async function loadGroup(ctx: Ctx, id: string, deleted = false) {
  const row = await repo.findGroup(ctx.db, id, { deleted });
  if (!row) throw notFound(deleted ? 'Deleted field group' : 'Field group');
  return row;
}

/**
 * A key stays bound to its type while records hold values under it: a deleted field's values are
 * still in the records (for a restore), so a new field may reuse the key only with the same type.
 */
async function assertKeyFree(ctx: Ctx, entity: string, key: string, type: string, exceptId?: string): Promise<void> {
  const others = (await repo.fieldsWithKey(ctx.db, entity, key)).filter((f) => f.id !== exceptId);
  if (others.some((f) => f.deletedAt === null)) throw conflict('custom_field_key_taken', 'Another field uses this key', { key: 'Already in use' });
  if (others.some((f) => f.type !== type)) {
    throw conflict('custom_field_key_reserved', 'A deleted field of another type used this key', {
      key: 'A deleted field of another type used this key; restore it or choose another key',
    });
  }
}

export const customFieldsService = {
  /** Groups and fields of one record type (or of every type the actor may read), in form order. */
  async catalog(ctx: Ctx, entity?: CustomFieldEntity) {
    if (entity && !mayRead(ctx, entity)) throw forbidden();
    const entities = entity ? [entity] : CUSTOM_FIELD_ENTITIES.filter((e) => mayRead(ctx, e));
    if (entities.length === 0) throw forbidden();
    const [groups, fields] = await Promise.all([repo.liveGroups(ctx.db, entities), repo.liveFields(ctx.db, entities)]);
    const live = new Set(groups.map((g) => g.id));
    return { groups: groups.map(presentGroup), fields: fields.map((f) => presentField(f, live)) };
  },

  async createField(ctx: Ctx, input: CustomFieldCreate) {
    assertAdmin(ctx);
    const errors = { ...labelErrors(input.label), ...optionErrors(input.type, input.options), ...(await groupErrors(ctx, input.entity, input.groupId)) };
    if (Object.keys(errors).length > 0) throw invalid(errors);
    await assertKeyFree(ctx, input.entity, input.key, input.type);
    const at = now();
    const row = await ctx.db
      .transaction()
      .execute(async (trx) => {
        const created = await repo.insertField(trx, {
          id: newId(),
          entity: input.entity,
          key: input.key,
          labelEn: input.label.en,
          labelZh: input.label['zh-CN'],
          type: input.type,
          options: JSON.stringify(input.type === 'select' || input.type === 'multiSelect' ? input.options : []),
          required: input.required ? 1 : 0,
          groupId: input.groupId,
          position: input.position ?? (await repo.nextPosition(trx, 'customFields', input.entity)),
          showInList: input.showInList ? 1 : 0,
          ...freshRecord(ctx.actor.userId, at),
        });
        await auditAs(trx, ctx.actor, 'create', FIELD_TYPE, created.id, { before: null, after: auditableField(created) });
        return created;
      })
      .catch((err) => {
        if (isUniqueViolation(err)) throw conflict('custom_field_key_taken', 'Another field uses this key', { key: 'Already in use' });
        throw err;
      });
    // After the commit: PostgreSQL builds it concurrently, which no transaction may contain.
    await createValueIndex(ctx.db, { entity: input.entity, key: row.key, type: input.type });
    return presentField(row);
  },

  async updateField(ctx: Ctx, id: string, input: CustomFieldUpdate) {
    assertAdmin(ctx);
    const current = await loadField(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const errors = {
      ...labelErrors(input.label),
      ...(input.options !== undefined ? optionErrors(current.type, input.options) : {}),
      ...(await groupErrors(ctx, current.entity, input.groupId)),
    };
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.updateField(trx, id, input.version, {
        ...(input.label !== undefined && { labelEn: input.label.en, labelZh: input.label['zh-CN'] }),
        ...(input.options !== undefined && (current.type === 'select' || current.type === 'multiSelect') && { options: JSON.stringify(input.options) }),
        ...(input.required !== undefined && { required: input.required ? 1 : 0 }),
        ...(input.groupId !== undefined && { groupId: input.groupId }),
        ...(input.position !== undefined && { position: input.position }),
        ...(input.showInList !== undefined && { showInList: input.showInList ? 1 : 0 }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', FIELD_TYPE, id, { before: auditableField(current), after: auditableField(updated) });
      return updated;
    });
    return presentField(row);
  },

  /** To the recycle bin. The values stay in the records and come back with a restore; the index goes. */
  async removeField(ctx: Ctx, id: string) {
    assertAdmin(ctx);
    const current = await loadField(ctx, id);
    await setDeleted(ctx, FIELD_TYPE, id, true, (trx, changes) => repo.updateField(trx, id, current.version, changes));
    await dropValueIndex(ctx.db, { entity: current.entity as CustomFieldEntity, key: current.key });
  },

  async restoreField(ctx: Ctx, id: string) {
    assertAdmin(ctx);
    const current = await loadField(ctx, id, true);
    await assertKeyFree(ctx, current.entity, current.key, current.type, id);
    await setDeleted(ctx, FIELD_TYPE, id, false, (trx, changes) => repo.updateField(trx, id, current.version, changes)).catch((err) => {
      if (isUniqueViolation(err)) throw conflict('custom_field_key_taken', 'Another field uses this key', { key: 'Already in use' });
      throw err;
    });
    await createValueIndex(ctx.db, { entity: current.entity as CustomFieldEntity, key: current.key, type: current.type as CustomFieldType });
  },

  async createGroup(ctx: Ctx, input: GroupCreate) {
    assertAdmin(ctx);
    const errors = labelErrors(input.label);
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await repo.insertGroup(trx, {
        id: newId(),
        entity: input.entity,
        labelEn: input.label.en,
        labelZh: input.label['zh-CN'],
        position: input.position ?? (await repo.nextPosition(trx, 'fieldGroups', input.entity)),
        ...freshRecord(ctx.actor.userId, at),
      });
      await auditAs(trx, ctx.actor, 'create', GROUP_TYPE, created.id, { before: null, after: auditableGroup(created) });
      return created;
    });
    return presentGroup(row);
  },

  async updateGroup(ctx: Ctx, id: string, input: GroupUpdate) {
    assertAdmin(ctx);
    const current = await loadGroup(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const errors = labelErrors(input.label);
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.updateGroup(trx, id, input.version, {
        ...(input.label !== undefined && { labelEn: input.label.en, labelZh: input.label['zh-CN'] }),
        ...(input.position !== undefined && { position: input.position }),
        updatedAt: now(),
      });
      if (!updated) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', GROUP_TYPE, id, { before: auditableGroup(current), after: auditableGroup(updated) });
      return updated;
    });
    return presentGroup(row);
  },

  /** To the recycle bin; its fields show under "Other" meanwhile and return to it with a restore. */
  async removeGroup(ctx: Ctx, id: string) {
    assertAdmin(ctx);
    const current = await loadGroup(ctx, id);
    await setDeleted(ctx, GROUP_TYPE, id, true, (trx, changes) => repo.updateGroup(trx, id, current.version, changes));
  },

  async restoreGroup(ctx: Ctx, id: string) {
    assertAdmin(ctx);
    const current = await loadGroup(ctx, id, true);
    await setDeleted(ctx, GROUP_TYPE, id, false, (trx, changes) => repo.updateGroup(trx, id, current.version, changes));
  },

  /** Recycle bin and record history: only administrators see field definitions' bookkeeping. */
  async canSee(ctx: Ctx, table: 'customFields' | 'fieldGroups', id: string) {
    if (!can(ctx.actor, 'settings', 'admin')) return false;
    const find = table === 'customFields' ? repo.findField : repo.findGroup;
    return !!((await find(ctx.db, id)) ?? (await find(ctx.db, id, { deleted: true })));
  },

  async listDeleted(ctx: Ctx, table: 'customFields' | 'fieldGroups', page: { limit: number; cursor?: string }) {
    const { items, nextCursor } = await repo.listDeleted(ctx.db, table, page);
    return {
      items: items.map((r) => ({ id: r.id, title: titleOf(r), deletedAt: r.deletedAt as string, deletedBy: r.deletedBy })),
      nextCursor,
    };
  },

  /** The record type's live fields as list filters and sorts, keyed "custom.<key>" (one small query). */
  async listFields(db: Db, entity: CustomFieldEntity): Promise<ListFields> {
    const fields = await repo.liveFields(db, [entity]);
    return Object.fromEntries(fields.map((f) => [`custom.${f.key}`, listFieldOf(db, { entity, key: f.key, type: f.type as CustomFieldType })]));
  },

  /** Keys of the record type's live fields, for presenting values (see liveCustomValues). */
  async liveKeys(db: Db, entity: CustomFieldEntity): Promise<Set<string>> {
    return new Set((await repo.liveFields(db, [entity])).map((f) => f.key));
  },

  /** Checks and merges a record's custom values; see custom-values.ts. */
  prepareValues: prepareCustomValues,
};
